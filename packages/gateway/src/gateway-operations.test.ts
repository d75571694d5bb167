import {
  type Emulator,
  parseEventStream,
  startOllamaEmulator,
  startOpenAIEmulator,
} from '@switchyard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, startGatewayHarness, targetEntry } from './__fixtures__/gateway-harness.js';

const cloudKeyVariable = 'SWITCHYARD_OPERATIONS_TEST_KEY';
const hello = [{ role: 'user' as const, content: 'Say hello.' }];

function post(harness: GatewayHarness, body: unknown): Promise<Response> {
  return fetch(`${harness.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** The value of one sample of the metrics text, `undefined` when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`))) {
      return Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return undefined;
}

describe('metrics', () => {
  let local: Emulator;
  let cloud: Emulator;
  let harness: GatewayHarness;

  beforeAll(async () => {
    [local, cloud] = await Promise.all([
      startOllamaEmulator(),
      startOpenAIEmulator({ apiKey: 'sk-ops-0123456789' }),
    ]);
    process.env[cloudKeyVariable] = 'sk-ops-0123456789';
    harness = await startGatewayHarness({
      backends: {
        local: { kind: 'ollama', baseUrl: local.url },
        cloud: { kind: 'openai', baseUrl: `${cloud.url}/v1`, apiKeyEnv: cloudKeyVariable },
      },
      targets: [
        targetEntry('local-llama', 'local', 'llama3.1:8b', {
          tier: 1,
          price: { gpuHourly: { usdPerHour: 0.9 } },
        }),
        targetEntry('cloud-mini', 'cloud', 'gpt-4o-mini', {
          tier: 3,
          price: { perToken: { input: 0.15, output: 0.6 } },
        }),
        targetEntry('cloud-big', 'cloud', 'gpt-4o', {
          tier: 3,
          price: { perToken: { input: 2.5, output: 10 } },
        }),
      ],
      routes: { aliases: { fast: { primary: 'local-llama', fallbacks: ['cloud-mini'] } } },
      health: { enabled: false, failureThreshold: 1000 },
      metering: { baselineTarget: 'cloud-big' },
    });
  });

  afterAll(async () => {
    await harness?.close();
    await Promise.all([local?.close(), cloud?.close()]);
    delete process.env[cloudKeyVariable];
  });

  it('counts requests, decisions, retries, fallbacks, validation, escalations, tokens, cost and savings', async () => {
    expect((await post(harness, { model: 'fast', messages: hello })).status).toBe(200);
    // One retry on the local hop, then a fallback to the cloud.
    local.setFault({ type: 'status', status: 503, times: 2 });
    expect((await post(harness, { model: 'fast', messages: hello })).status).toBe(200);
    // Invalid structured output on every local call: validation retries, then escalation.
    local.setFault({ type: 'invalid-structured-output', times: 3 });
    const structured = await post(harness, {
      model: 'fast',
      messages: hello,
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'greeting',
          schema: {
            type: 'object',
            properties: { text: { type: 'string' } },
            required: ['text'],
            additionalProperties: false,
          },
        },
      },
    });
    expect(structured.status, await structured.clone().text()).toBe(200);
    expect(structured.headers.get('x-switchyard-target')).toBe('cloud-mini');
    const streamed = await post(harness, { model: 'fast', messages: hello, stream: true });
    await streamed.text();
    expect((await post(harness, { model: 'nope', messages: hello })).status).toBe(404);

    const response = await fetch(`${harness.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    const chat = { route: '/v1/chat/completions' };
    expect(sample(text, 'switchyard_http_requests_total', { ...chat, status: '200', model: 'fast' })).toBe(4);
    expect(sample(text, 'switchyard_http_requests_total', { ...chat, status: '404', model: '' })).toBe(1);
    expect(
      sample(text, 'switchyard_routing_decisions_total', {
        target: 'local-llama',
        tier: '1',
        locality: 'local',
      }),
    ).toBe(4);
    expect(sample(text, 'switchyard_retries_total', { target: 'local-llama' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'switchyard_fallbacks_total', { from: 'local-llama', to: 'cloud-mini' })).toBe(1);
    expect(sample(text, 'switchyard_validation_failures_total', { target: 'local-llama' })).toBe(3);
    expect(
      sample(text, 'switchyard_escalations_total', {
        from: 'local-llama',
        to: 'cloud-mini',
        reason: 'invalid-output',
      }),
    ).toBe(1);
    expect(
      sample(text, 'switchyard_tokens_total', { target: 'cloud-mini', direction: 'output' }),
    ).toBeGreaterThan(0);
    expect(sample(text, 'switchyard_cost_usd_total', { target: 'cloud-mini' })).toBeGreaterThan(0);
    expect(sample(text, 'switchyard_cost_usd_total', { target: 'local-llama' })).toBeGreaterThan(0);
    expect(sample(text, 'switchyard_baseline_cost_usd_total')).toBeGreaterThan(0);
    expect(sample(text, 'switchyard_savings_usd')).toBeGreaterThan(0);
    expect(sample(text, 'switchyard_time_to_first_token_seconds_count', { target: 'local-llama' })).toBe(1);
    const duration = 'switchyard_request_duration_seconds_count';
    expect(sample(text, duration, { target: 'local-llama', outcome: 'success', stream: 'false' })).toBe(1);
    expect(sample(text, duration, { target: 'local-llama', outcome: 'success', stream: 'true' })).toBe(1);
    expect(sample(text, duration, { target: 'cloud-mini', outcome: 'success', stream: 'false' })).toBe(2);
    expect(sample(text, 'switchyard_http_requests_in_flight')).toBe(0);
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});

describe('readiness from probes', () => {
  it('turns not-ready once the only backend stops answering its probe', async () => {
    const local = await startOllamaEmulator();
    const harness = await startGatewayHarness({
      backends: { local: { kind: 'ollama', baseUrl: local.url } },
      targets: [targetEntry('local-llama', 'local', 'llama3.1:8b')],
      health: { intervalMs: 50, timeoutMs: 200, retries: 0 },
    });
    try {
      await expect
        .poll(async () => (await (await fetch(`${harness.url}/ready`)).json()) as unknown)
        .toMatchObject({
          status: 'ready',
          targets: [{ id: 'local-llama', health: 'healthy', probe: { status: 'up' } }],
        });
      await local.close();
      await expect
        .poll(async () => (await fetch(`${harness.url}/ready`)).status, { timeout: 3_000 })
        .toBe(503);
      const report = (await (await fetch(`${harness.url}/ready`)).json()) as Record<string, unknown>;
      expect(report).toMatchObject({
        status: 'not-ready',
        reason: expect.stringMatching(/no target is usable/),
        targets: [{ id: 'local-llama', usable: false, probe: { status: 'down' } }],
      });
      expect((await fetch(`${harness.url}/health`)).status).toBe(200);
    } finally {
      await harness.close();
      await local.close();
    }
  });
});

describe('graceful shutdown', () => {
  it('lets an in-flight stream finish, then stops accepting connections', async () => {
    const local = await startOllamaEmulator();
    const harness = await startGatewayHarness({
      backends: { local: { kind: 'ollama', baseUrl: local.url } },
      targets: [targetEntry('local-llama', 'local', 'llama3.1:8b')],
      health: { enabled: false },
    });
    try {
      local.setFault({ type: 'slow-stream', delayMs: 100 });
      const response = await post(harness, { model: 'auto', messages: hello, stream: true });
      expect(response.status).toBe(200);
      let closed = false;
      const closing = harness.gateway.close().then(() => {
        closed = true;
      });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      const first = await reader.read();
      // Streaming has begun and the rest is still to come: the shutdown waits for it.
      expect(closed).toBe(false);
      let text = decoder.decode(first.value, { stream: true });
      for (let part = await reader.read(); !part.done; part = await reader.read()) {
        text += decoder.decode(part.value, { stream: true });
      }
      await closing;
      expect(parseEventStream(text).events.at(-1)?.data).toBe('[DONE]');
      expect(parseEventStream(text).events.length).toBeGreaterThan(3);
      await expect(fetch(`${harness.url}/health`)).rejects.toThrow();
    } finally {
      await harness.close();
      await local.close();
    }
  });

  it('aborts what is still running after the grace period with a 503', async () => {
    const local = await startOllamaEmulator();
    const harness = await startGatewayHarness(
      {
        backends: { local: { kind: 'ollama', baseUrl: local.url } },
        targets: [targetEntry('local-llama', 'local', 'llama3.1:8b')],
        health: { enabled: false },
      },
      { shutdownGraceMs: 200 },
    );
    try {
      local.setFault({ type: 'hang' });
      const pending = post(harness, { model: 'auto', messages: hello });
      await expect.poll(() => local.requests.some((request) => request.path === '/api/chat')).toBe(true);
      const startedAt = performance.now();
      await harness.gateway.close();
      expect(performance.now() - startedAt).toBeLessThan(1_500);
      const response = await pending;
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ error: { code: 'shutting_down' } });
    } finally {
      await harness.close();
      await local.close();
    }
  });
});
