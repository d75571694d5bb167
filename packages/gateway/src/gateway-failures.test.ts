import type { RequestEndEvent } from '@switchyard/core';
import {
  type Emulator,
  parseEventStream,
  startOllamaEmulator,
  startOpenAIEmulator,
} from '@switchyard/testing';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, startGatewayHarness, targetEntry } from './__fixtures__/gateway-harness.js';

const cloudKeyVariable = 'SWITCHYARD_FAILURES_TEST_OPENAI_KEY';

let localA: Emulator;
let localB: Emulator;
let cloud: Emulator;
let harness: GatewayHarness;

beforeAll(async () => {
  [localA, localB, cloud] = await Promise.all([
    startOllamaEmulator(),
    startOllamaEmulator({ replyText: 'Hello from the second local server.' }),
    startOpenAIEmulator({ apiKey: 'sk-cloud-key-failures-0123456789' }),
  ]);
  process.env[cloudKeyVariable] = 'sk-cloud-key-failures-0123456789';
  harness = await startGatewayHarness(
    {
      backends: {
        'local-a': { kind: 'ollama', baseUrl: localA.url },
        'local-b': { kind: 'ollama', baseUrl: localB.url },
        cloud: { kind: 'openai', baseUrl: `${cloud.url}/v1`, apiKeyEnv: cloudKeyVariable },
      },
      targets: [
        targetEntry('local-a-8b', 'local-a', 'llama3.1:8b', { tier: 1 }),
        targetEntry('local-b-8b', 'local-b', 'llama3.1:8b', { tier: 1 }),
        targetEntry('cloud-mini', 'cloud', 'gpt-4o-mini', { tier: 3 }),
      ],
      routes: { aliases: { 'only-a': { primary: 'local-a-8b' } } },
      // No probes: the cloud emulator must see no request at all in the privacy test.
      health: { enabled: false, failureThreshold: 1000 },
    },
    { requestTimeoutMs: 1_500 },
  );
});

afterAll(async () => {
  await harness?.close();
  await Promise.all([localA?.close(), localB?.close(), cloud?.close()]);
  delete process.env[cloudKeyVariable];
});

afterEach(() => {
  for (const emulator of [localA, localB, cloud]) emulator.clearFaults();
});

const hello = [{ role: 'user' as const, content: 'Say hello.' }];

function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${harness.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('privacy', () => {
  it('never sends a local-only request to the cloud, even when every local target fails', async () => {
    const before = cloud.requests.length;
    localA.setFault({ type: 'status', status: 503, times: Number.POSITIVE_INFINITY });
    localB.setFault({ type: 'status', status: 503, times: Number.POSITIVE_INFINITY });
    const failure = harness.client.chat.completions.create(
      { model: 'auto', messages: hello },
      { headers: { 'x-switchyard-privacy': 'local-only' } },
    );
    await expect(failure).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    const error = (await failure.catch((caught: unknown) => caught)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(503);
    expect(error.message).toMatch(/every target failed \(2 targets in the route\)/);
    expect(cloud.requests.length).toBe(before);
    expect(cloud.requests).toEqual([]);
    const chatCalls = [...localA.requests, ...localB.requests].filter(
      (request) => request.path === '/api/chat',
    );
    expect(chatCalls.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps local-only from the body even when a header says any', async () => {
    localA.setFault({ type: 'status', status: 503, times: Number.POSITIVE_INFINITY });
    localB.setFault({ type: 'status', status: 503, times: Number.POSITIVE_INFINITY });
    const response = await post(
      { model: 'auto', messages: hello, stream: true, switchyard: { privacy: 'local-only' } },
      { 'x-switchyard-privacy': 'any' },
    );
    expect(response.status).toBe(503);
    expect(cloud.requests).toEqual([]);
  });

  it('lets an unrestricted request fall back to the cloud', async () => {
    localA.setFault({ type: 'status', status: 503, times: 2 });
    localB.setFault({ type: 'status', status: 503, times: 2 });
    const response = await post({ model: 'auto', messages: hello });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-switchyard-target')).toBe('cloud-mini');
    expect(response.headers.get('x-switchyard-fallbacks')).toBe('2');
    cloud.requests.length = 0;
  });
});

describe('streams that fail after they started', () => {
  it('end with an error event and no [DONE]', async () => {
    localA.setFault({ type: 'stream-error', afterChunks: 2, message: 'model runner crashed' });
    const response = await post({ model: 'only-a', messages: hello, stream: true });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const { events, complete } = parseEventStream(await response.text());
    expect(complete).toBe(true);
    const last = JSON.parse(events.at(-1)?.data ?? '{}') as { error?: Record<string, unknown> };
    expect(last.error).toMatchObject({ type: 'server_error', code: 'upstream_stream_failed', param: null });
    expect(String(last.error?.message)).toMatch(/model runner crashed/);
    expect(events.some((event) => event.data === '[DONE]')).toBe(false);
    expect(events.slice(0, -1).length).toBeGreaterThanOrEqual(2);
  });

  it('surface as an APIError from the openai client iterator', async () => {
    localA.setFault({ type: 'cut-stream', afterChunks: 1 });
    const stream = await harness.client.chat.completions.create({
      model: 'only-a',
      messages: hello,
      stream: true,
    });
    let text = '';
    const reading = (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })();
    await expect(reading).rejects.toBeInstanceOf(OpenAI.APIError);
    expect(text.length).toBeGreaterThan(0);
    const line = harness.logs.findLast((entry) => entry.msg === 'request');
    expect(line).toMatchObject({ outcome: 'error', stream: true, errorCode: 'upstream_stream_failed' });
  });
});

describe('deadlines and disconnects', () => {
  it('answers 504 when the request outlives its deadline', async () => {
    localA.setFault({ type: 'hang' });
    const startedAt = performance.now();
    const response = await post({ model: 'only-a', messages: hello });
    expect(response.status).toBe(504);
    expect(await response.json()).toMatchObject({
      error: { code: 'deadline_exceeded', type: 'timeout_error' },
    });
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(1_400);
  });

  it('aborts the upstream call when the client goes away mid-stream', async () => {
    localA.setFault({ type: 'slow-stream', delayMs: 300 });
    const ends: RequestEndEvent[] = [];
    const onEnd = (event: RequestEndEvent) => ends.push(event);
    harness.router.events.on('request-end', onEnd);
    try {
      const controller = new AbortController();
      const response = await fetch(`${harness.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'only-a', messages: hello, stream: true }),
        signal: controller.signal,
      });
      const requestId = response.headers.get('x-request-id');
      const reader = response.body?.getReader();
      await reader?.read();
      const abortedAt = performance.now();
      controller.abort();
      await expect
        .poll(() => ends.find((event) => event.requestId === requestId), { timeout: 2_000 })
        .toBeDefined();
      const end = ends.find((event) => event.requestId === requestId);
      expect(end).toMatchObject({ outcome: 'error', error: { code: 'aborted' } });
      // Ended at once, not after the remaining slow frames.
      expect(performance.now() - abortedAt).toBeLessThan(250);
      await expect
        .poll(() => harness.logs.find((entry) => entry.requestId === requestId && entry.msg === 'request'))
        .toMatchObject({ outcome: 'client-closed', status: 499 });
    } finally {
      harness.router.events.off('request-end', onEnd);
    }
  });
});
