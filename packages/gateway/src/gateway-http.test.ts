import { request as httpRequest } from 'node:http';
import { type Emulator, startOllamaEmulator } from '@switchyard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayHarness, startGatewayHarness, targetEntry } from './__fixtures__/gateway-harness.js';

let ollama: Emulator;
let harness: GatewayHarness;
const bodyLimitBytes = 64 * 1024;

beforeAll(async () => {
  ollama = await startOllamaEmulator();
  harness = await startGatewayHarness(
    {
      backends: { ollama: { kind: 'ollama', baseUrl: ollama.url } },
      targets: [
        targetEntry('local-llama', 'ollama', 'llama3.1:8b', { tier: 1 }),
        targetEntry('local-large', 'ollama', 'llama3.1:8b', { tier: 2 }),
      ],
      health: { enabled: false },
    },
    { bodyLimitBytes },
  );
});

afterAll(async () => {
  await harness?.close();
  await ollama?.close();
});

type RawAnswer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** One HTTP exchange with full control of the body (chunked, oversized, not JSON). */
function raw(
  method: string,
  path: string,
  options: { body?: string | Buffer; chunks?: Buffer[]; headers?: Record<string, string> } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, harness.url);
    const outgoing = httpRequest(
      url,
      { method, headers: { 'content-type': 'application/json', ...options.headers } },
      (incoming) => {
        let body = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => {
          body += chunk;
        });
        incoming.on('end', () =>
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body }),
        );
      },
    );
    outgoing.on('error', reject);
    if (options.chunks !== undefined) {
      for (const chunk of options.chunks) outgoing.write(chunk);
      outgoing.end();
    } else {
      outgoing.end(options.body);
    }
  });
}

const valid = { model: 'auto', messages: [{ role: 'user', content: 'Hi' }] };
const errorOf = (answer: RawAnswer) => (JSON.parse(answer.body) as { error: Record<string, unknown> }).error;

describe('bad input', () => {
  it.each([
    {
      name: 'malformed JSON',
      body: '{"model": "auto", "messages": [',
      status: 400,
      error: { type: 'invalid_request_error', code: 'invalid_json', param: null },
      message: /the request body is not valid JSON/,
    },
    {
      name: 'a JSON array',
      body: '[1, 2]',
      status: 400,
      error: { code: 'invalid_value' },
      message: /request body must be a JSON object/,
    },
    {
      name: 'a wrong type',
      body: JSON.stringify({ ...valid, temperature: 'hot' }),
      status: 400,
      error: { code: 'invalid_value', param: 'temperature' },
      message: /temperature/,
    },
    {
      name: 'an out-of-range number',
      body: JSON.stringify({ ...valid, max_tokens: -5 }),
      status: 400,
      error: { param: 'max_tokens' },
      message: /max_tokens/,
    },
    {
      name: 'messages that are not a list',
      body: JSON.stringify({ model: 'auto', messages: 'hello' }),
      status: 400,
      error: { param: 'messages' },
      message: /messages/,
    },
    {
      name: 'an unknown field inside switchyard',
      body: JSON.stringify({ ...valid, switchyard: { privacy: 'local-only', speed: 'ludicrous' } }),
      status: 400,
      error: { param: 'switchyard' },
      message: /speed/,
    },
    {
      name: 'an unknown model',
      body: JSON.stringify({ ...valid, model: 'nope' }),
      status: 404,
      error: { code: 'model_not_found', param: 'model' },
      message: /The model 'nope' does not exist/,
    },
  ])('answers $status for $name', async ({ body, status, error, message }) => {
    const answer = await raw('POST', '/v1/chat/completions', { body });
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(errorOf(answer)).toMatchObject(error);
    expect(String(errorOf(answer).message)).toMatch(message);
    expect(answer.headers['x-request-id']).toMatch(/\S+/);
  });

  it('accepts unknown top-level fields and passes them on', async () => {
    const answer = await raw('POST', '/v1/chat/completions', {
      body: JSON.stringify({ ...valid, top_k: 40, metadata: { team: 'search' } }),
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ object: 'chat.completion' });
  });

  it('answers 413 from Content-Length alone, before reading the body', async () => {
    const answer = await raw('POST', '/v1/chat/completions', {
      body: Buffer.alloc(bodyLimitBytes + 1, 0x20),
    });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect(errorOf(answer)).toMatchObject({ code: 'request_too_large', type: 'invalid_request_error' });
    expect(String(errorOf(answer).message)).toContain(`${bodyLimitBytes} bytes`);
  });

  it('answers 413 for a chunked body that grows past the limit', async () => {
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const answer = await raw('POST', '/v1/chat/completions', { chunks: [chunk, chunk, chunk, chunk, chunk] });
    expect(answer.status).toBe(413);
    expect(errorOf(answer)).toMatchObject({ code: 'request_too_large' });
  });

  it.each([
    { header: 'x-switchyard-tier', value: 'huge', message: /must be 1, 2, 3, small, large or cloud/ },
    { header: 'x-switchyard-privacy', value: 'secret', message: /must be 'local-only' or 'any'/ },
    { header: 'x-switchyard-max-cost-usd', value: 'cheap', message: /must be a number of USD/ },
    { header: 'x-request-id', value: 'has spaces in it', message: /printable ASCII/ },
  ])('answers 400 naming the header for a bad $header', async ({ header, value, message }) => {
    const answer = await raw('POST', '/v1/chat/completions', {
      body: JSON.stringify(valid),
      headers: { [header]: value },
    });
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({ code: 'invalid_header', param: header });
    expect(String(errorOf(answer).message)).toMatch(message);
  });
});

describe('routing hints and ids from headers', () => {
  it('uses x-request-id as the request id everywhere', async () => {
    const answer = await raw('POST', '/v1/chat/completions', {
      body: JSON.stringify(valid),
      headers: { 'x-request-id': 'req-abc-123', 'x-switchyard-tags': 'team-search, nightly' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['x-request-id']).toBe('req-abc-123');
    const line = harness.logs.find((entry) => entry.requestId === 'req-abc-123');
    expect(line).toMatchObject({ msg: 'request', status: 200, target: 'local-llama', outcome: 'success' });
  });

  it.each<{ headers: Record<string, string>; target: string }>([
    { headers: {}, target: 'local-llama' },
    { headers: { 'x-switchyard-tier': '2' }, target: 'local-large' },
    { headers: { 'x-switchyard-tier': 'large' }, target: 'local-large' },
  ])('routes by x-switchyard-tier: $headers → $target', async ({ headers, target }) => {
    const answer = await raw('POST', '/v1/chat/completions', { body: JSON.stringify(valid), headers });
    expect(answer.status).toBe(200);
    expect(answer.headers['x-switchyard-target']).toBe(target);
  });
});

describe('methods and paths', () => {
  it.each([
    { method: 'GET', path: '/v1/chat/completions', status: 405, allow: 'POST' },
    { method: 'DELETE', path: '/v1/models', status: 405, allow: 'GET, HEAD' },
    { method: 'POST', path: '/health', status: 405, allow: 'GET, HEAD' },
  ])('$method $path → $status', async ({ method, path, status, allow }) => {
    const answer = await raw(method, path);
    expect(answer.status).toBe(status);
    expect(answer.headers.allow).toBe(allow);
    expect(errorOf(answer)).toMatchObject({ code: 'method_not_allowed' });
  });

  it.each(['/v1/embeddings', '/v1/completions', '/', '/v2/chat/completions'])(
    'POST %s → 404',
    async (path) => {
      const answer = await raw('POST', path, { body: '{}' });
      expect(answer.status).toBe(404);
      expect(errorOf(answer)).toMatchObject({ code: 'unknown_url', type: 'invalid_request_error' });
      expect(String(errorOf(answer).message)).toContain(`POST ${path}`);
    },
  );

  it('answers liveness and readiness', async () => {
    const health = await raw('GET', '/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
    const ready = await raw('GET', '/ready?verbose=1');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toMatchObject({
      status: 'ready',
      targets: [
        { id: 'local-llama', backend: 'ollama', usable: true },
        { id: 'local-large', backend: 'ollama', usable: true },
      ],
    });
  });
});
