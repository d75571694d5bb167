import { describe, expect, it } from 'vitest';
import { createReplayFetch, fetchFailure } from './create-replay-fetch.js';

const url = (path: string) => `http://replay.test${path}`;

describe('createReplayFetch', () => {
  it('answers recorded routes by method and path, records calls, and names a missing route', async () => {
    const replay = createReplayFetch({
      'GET /health': { body: { status: 'ok' } },
      '/text': { body: 'plain', headers: { 'content-type': 'text/plain' } },
      'POST /echo': (call) => ({ body: { got: call.body } }),
    });
    expect(await (await replay.fetch(url('/health'))).json()).toEqual({ status: 'ok' });
    expect(await (await replay.fetch(url('/text'))).text()).toBe('plain');
    const echoed = await replay.fetch(url('/echo'), { method: 'POST', body: '{"a":1}' });
    expect(await echoed.json()).toEqual({ got: { a: 1 } });
    const missing = await replay.fetch(url('/nope'));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('GET /nope');
    expect(replay.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'GET /health',
      'GET /text',
      'POST /echo',
      'GET /nope',
    ]);
  });

  it('plays one-off overrides in order, for the next POST or the given path, then the recording again', async () => {
    const replay = createReplayFetch({ 'POST /chat': { body: 'recorded' }, 'GET /health': { body: 'up' } });
    replay.setNext({ status: 503, body: 'first' });
    replay.setNext({ status: 500, body: 'down' }, '/health');
    replay.setNext({ status: 429, body: 'second' });
    const post = () => replay.fetch(url('/chat'), { method: 'POST', body: '{}' });
    expect((await replay.fetch(url('/health'))).status).toBe(500);
    expect([(await post()).status, (await post()).status, (await post()).status]).toEqual([503, 429, 200]);
    replay.setNext({ status: 500 });
    replay.clearOverrides();
    expect((await post()).status).toBe(200);
  });

  it('rejects with a connection error, and like Node fetch on abort: before headers and mid-body', async () => {
    const replay = createReplayFetch({
      'GET /stream': { chunks: ['data: 1\n\n', 'data: 2\n\n', 'data: 3\n\n'], chunkDelayMs: 20 },
    });
    replay.setNext({ error: fetchFailure('ECONNRESET') }, '/stream');
    await expect(replay.fetch(url('/stream'))).rejects.toMatchObject({
      message: 'fetch failed',
      cause: { code: 'ECONNRESET' },
    });

    replay.setNext({ hang: true }, '/stream');
    const hanging = new AbortController();
    const pending = replay.fetch(url('/stream'), { signal: hanging.signal });
    hanging.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });

    const reading = new AbortController();
    const response = await replay.fetch(url('/stream'), { signal: reading.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: 1\n\n');
    reading.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });
  });
});
