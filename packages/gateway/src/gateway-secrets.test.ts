import { type Emulator, parseEventStream, startOpenAIEmulator } from '@switchyard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, startGatewayHarness, targetEntry } from './__fixtures__/gateway-harness.js';

const keyVariable = 'SWITCHYARD_SECRETS_TEST_KEY';
// Deliberately not shaped like an `sk-…` key, so only verbatim redaction can catch it.
const key = 'zx9Q-upstream-credential-7788aa55ff';

let upstream: Emulator;
let harness: GatewayHarness;

beforeAll(async () => {
  upstream = await startOpenAIEmulator({ apiKey: key });
  process.env[keyVariable] = key;
  harness = await startGatewayHarness({
    backends: {
      vendor: { kind: 'openai-compatible', baseUrl: `${upstream.url}/v1`, apiKeyEnv: keyVariable },
    },
    targets: [targetEntry('vendor-model', 'vendor', 'gpt-4o-mini', { tier: 3 })],
    health: { enabled: false, failureThreshold: 1000 },
  });
});

afterAll(async () => {
  await harness?.close();
  await upstream?.close();
  delete process.env[keyVariable];
});

const request = { model: 'vendor-model', messages: [{ role: 'user', content: 'Hi' }] };

function post(body: unknown): Promise<Response> {
  return fetch(`${harness.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('upstream credentials', () => {
  it('are sent upstream (the test key is real)', async () => {
    const response = await post(request);
    expect(response.status).toBe(200);
    expect(upstream.requests.at(-1)?.headers.authorization).toBe(`Bearer ${key}`);
  });

  it.each([
    { status: 400, message: `Invalid request for key ${key}`, answer: 400, code: 'upstream_invalid_request' },
    {
      status: 401,
      message: `Incorrect API key provided: ${key}`,
      answer: 502,
      code: 'upstream_unauthorized',
    },
    { status: 500, message: `internal error while checking ${key}`, answer: 502, code: 'upstream_error' },
  ])(
    'never appear in a $status error answer echoed by the upstream',
    async ({ status, message, answer, code }) => {
      upstream.setFault({ type: 'status', status, message, times: Number.POSITIVE_INFINITY });
      try {
        const response = await post(request);
        const text = await response.text();
        expect(response.status).toBe(answer);
        expect(JSON.parse(text)).toMatchObject({ error: { code } });
        expect(text).not.toContain(key);
        expect(text).not.toContain(key.slice(0, 20));
      } finally {
        upstream.clearFaults();
      }
    },
  );

  it('never appear in a mid-stream error event', async () => {
    upstream.setFault({ type: 'stream-error', afterChunks: 1, message: `stream broke for ${key}` });
    const response = await post({ ...request, stream: true });
    const text = await response.text();
    const { events } = parseEventStream(text);
    expect(events.at(-1)?.data).toContain('"error"');
    expect(text).not.toContain(key);
  });

  it('never appear in the log', () => {
    expect(harness.logText.length).toBeGreaterThan(3);
    for (const line of harness.logText) expect(line).not.toContain(key);
    const errors = harness.logs.filter((entry) => entry.outcome === 'error');
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(errors.some((entry) => String(entry.error).includes('[redacted]'))).toBe(true);
  });
});
