import { afterEach, describe, expect, it } from 'vitest';
import { kindFixtures, postJson } from '../__fixtures__/chat-requests.js';
import { findSchemaViolations } from '../json-schema/find-schema-violations.js';
import type { Emulator, EmulatorKind } from './emulator.js';
import { estimateTokens } from './estimate-tokens.js';
import { startEmulator } from './start-emulator.js';

const kinds = Object.keys(kindFixtures) as EmulatorKind[];

describe.each(kinds)('%s emulator faults', (kind) => {
  const fixture = kindFixtures[kind];
  let emulator: Emulator;
  afterEach(async () => {
    await emulator.close();
    expect(emulator.errors).toEqual([]);
  });
  const start = async () => {
    emulator = await startEmulator(kind);
    return emulator;
  };
  const chat = (stream: boolean, signal?: AbortSignal) =>
    postJson(`${emulator.url}${fixture.path}`, fixture.body({ stream }), fixture.headers, signal);

  it('answers normally when no fault is armed, and records the request', async () => {
    await start();
    const response = await chat(false);
    expect(response.status).toBe(200);
    expect(fixture.textOf(await response.json())).toBe(`Hello from ${kind} emulator.`);
    expect(emulator.requests).toHaveLength(1);
    expect(emulator.requests[0]).toMatchObject({ method: 'POST', path: fixture.path, fault: undefined });
  });

  it('latency delays the headers, then answers normally', async () => {
    await start();
    emulator.setFault({ type: 'latency', ms: 150 });
    const started = performance.now();
    const response = await chat(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(response.status).toBe(200);
    expect(emulator.requests[0]?.fault).toBe('latency');
  });

  it('hang never answers until the client aborts, and the emulator keeps serving', async () => {
    await start();
    emulator.setFault({ type: 'hang' });
    await expect(chat(false, AbortSignal.timeout(100))).rejects.toThrow();
    const next = await chat(false);
    expect(next.status).toBe(200);
  });

  it('reset destroys the socket before any response byte', async () => {
    await start();
    emulator.setFault({ type: 'reset' });
    await expect(chat(false)).rejects.toThrow(/fetch failed/);
  });

  it.each([429, 503, 529])('status %i comes with Retry-After and the backend error body', async (status) => {
    await start();
    emulator.setFault({ type: 'status', status, retryAfter: 7 });
    const response = await chat(false);
    expect(response.status).toBe(status);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await response.json()).toMatchObject(errorBody(kind, status));
  });

  it('times counts matching requests down, then requests succeed again', async () => {
    await start();
    emulator.setFault({ type: 'status', status: 500, times: 2 });
    expect((await chat(false)).status).toBe(500);
    expect((await chat(false)).status).toBe(500);
    expect((await chat(false)).status).toBe(200);
  });

  it('cut-stream ends the stream after N chunks without the terminator', async () => {
    await start();
    emulator.setFault({ type: 'cut-stream', afterChunks: 2 });
    const text = await (await chat(true)).text();
    expect(fixture.piecesOf(text)).toEqual(['Hello', ' from']);
    expect(fixture.terminated(text)).toBe(false);
    const complete = await (await chat(true)).text();
    expect(fixture.terminated(complete)).toBe(true);
    expect(fixture.piecesOf(complete).join('')).toBe(`Hello from ${kind} emulator.`);
  });

  it('cut-stream on a non-streaming request breaks the body', async () => {
    await start();
    emulator.setFault({ type: 'cut-stream' });
    const response = await chat(false);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });

  it('stream-error sends the backend in-stream error after N chunks of a 200 stream', async () => {
    await start();
    emulator.setFault({ type: 'stream-error', afterChunks: 1, message: 'boom' });
    const response = await chat(true);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(
      fixture.piecesOf(
        text
          .split('\n')
          .filter((line) => !/error/.test(line))
          .join('\n'),
      ),
    ).toEqual(['Hello']);
    expect(fixture.hasStreamError(text)).toBe(true);
    expect(text).toContain('boom');
  });

  it('malformed-json answers a 200 whose body is not JSON', async () => {
    await start();
    emulator.setFault({ type: 'malformed-json' });
    const response = await chat(false);
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it('malformed-json inside a stream makes one frame unparsable', async () => {
    await start();
    emulator.setFault({ type: 'malformed-json', afterChunks: 1 });
    const text = await (await chat(true)).text();
    expect(() => fixture.piecesOf(text)).toThrow(SyntaxError);
  });

  it('slow-stream waits between frames', async () => {
    await start();
    emulator.setFault({ type: 'slow-stream', delayMs: 40 });
    const started = performance.now();
    const text = await (await chat(true)).text();
    expect(fixture.terminated(text)).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(4 * 40 - 10);
  });

  it('structured output conforms to the schema, and invalid-structured-output violates it', async () => {
    await start();
    const ask = () => postJson(`${emulator.url}${fixture.path}`, fixture.schemaBody(false), fixture.headers);
    const valid = JSON.parse(fixture.textOf(await (await ask()).json()));
    expect(findSchemaViolations(valid, kindSchema())).toEqual([]);
    emulator.setFault({ type: 'invalid-structured-output' });
    const invalid = JSON.parse(fixture.textOf(await (await ask()).json()));
    expect(findSchemaViolations(invalid, kindSchema()).length).toBeGreaterThan(0);
  });

  it('missing-usage leaves usage out, wrong-usage reports impossible values', async () => {
    await start();
    const normal = fixture.usageOf(await (await chat(false)).json());
    expect(normal).toEqual({
      input: expect.any(Number),
      output: estimateTokens(`Hello from ${kind} emulator.`),
    });
    emulator.setFault({ type: 'missing-usage' });
    expect(fixture.usageOf(await (await chat(false)).json())).toBeUndefined();
    emulator.setFault({ type: 'wrong-usage' });
    expect(fixture.usageOf(await (await chat(false)).json())).toEqual({ input: -1, output: null });
  });

  it('a fault with a path leaves chat requests alone', async () => {
    await start();
    emulator.setFault({ type: 'status', status: 503, path: '/somewhere-else' });
    expect((await chat(false)).status).toBe(200);
    emulator.clearFaults();
    emulator.setFault({ type: 'status', status: 503, path: /chat|messages/ });
    expect((await chat(false)).status).toBe(503);
  });

  it('survives a client aborting mid-stream and closes promptly with a hung request open', async () => {
    await start();
    emulator.setFault({ type: 'slow-stream', delayMs: 50 });
    const controller = new AbortController();
    const response = await chat(true, controller.signal);
    const reader = response.body?.getReader();
    await reader?.read();
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await chat(false)).status).toBe(200);
    emulator.setFault({ type: 'hang' });
    const hung = chat(false).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const started = performance.now();
    await emulator.close();
    expect(performance.now() - started).toBeLessThan(500);
    expect(await hung).toBeInstanceOf(Error);
  });
});

function kindSchema() {
  return {
    type: 'object',
    properties: {
      city: { type: 'string', minLength: 2 },
      temperature: { type: 'number', minimum: -90, maximum: 60 },
      unit: { enum: ['celsius', 'fahrenheit'] },
      windy: { type: 'boolean' },
    },
    required: ['city', 'temperature', 'unit'],
    additionalProperties: false,
  };
}

function errorBody(kind: EmulatorKind, status: number): Record<string, unknown> {
  const text = expect.any(String);
  switch (kind) {
    case 'openai':
      return {
        error: {
          message: text,
          type: text,
          param: null,
          code:
            ({ 429: 'rate_limit_exceeded', 503: 'server_is_overloaded' } as Record<number, string>)[status] ??
            null,
        },
      };
    case 'openrouter':
      return { error: { code: status, message: text } };
    case 'vllm':
      return { error: { message: text, type: text, param: null, code: status } };
    case 'tgi':
      return { error: text, error_type: text };
    case 'ollama':
      return { error: text };
    case 'anthropic':
      return {
        type: 'error',
        error: {
          type: { 429: 'rate_limit_error', 503: 'api_error', 529: 'overloaded_error' }[status],
          message: text,
        },
        request_id: text,
      };
  }
}
