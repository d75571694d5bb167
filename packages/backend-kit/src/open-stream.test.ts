import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './__fixtures__/call-failure.js';
import { callJson } from './call-json.js';
import { openStream } from './open-stream.js';
import { parseServerSentEvents } from './parse-server-sent-events.js';

// Real sockets and Node's own fetch: what fixtures cannot show (refused ports, closed sockets).
let server: Server;
let base: string;
const closedConnections: string[] = [];

function handle(request: IncomingMessage, response: ServerResponse): void {
  const url = request.url ?? '/';
  if (url === '/json') {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  } else if (url === '/slow-stream') {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write('data: {"n":1}\n\n');
    const timer = setInterval(() => response.write('data: {"n":2}\n\n'), 20);
    response.on('close', () => {
      clearInterval(timer);
      closedConnections.push(url);
    });
  } else if (url === '/cut') {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write('data: {"n":1}\n\n');
    setTimeout(() => response.socket?.destroy(), 20);
  } else if (url === '/error') {
    response
      .writeHead(503, { 'content-type': 'application/json', 'retry-after': '2' })
      .end('{"error":{"message":"Loading model","type":"unavailable_error","code":503}}');
  } else {
    response.writeHead(404).end();
  }
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const context = { backend: 'real' };

describe('HTTP helpers over real sockets', () => {
  it('calls JSON', async () => {
    const result = await callJson<{ ok: boolean }>({ url: `${base}/json` }, context);
    expect(result.data).toEqual({ ok: true });
    expect(result.status).toBe(200);
  });

  it('maps a refused port to network / connect', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(callJson({ url: `http://127.0.0.1:${port}/health` }, context));
    expect(error).toMatchObject({ code: 'network', phase: 'connect', isRetryable: true });
    expect(error.message).toBe(`cannot reach http://127.0.0.1:${port}/health: connection refused`);
  });

  it('reads an HTTP error of a stream request as a classified error with Retry-After', async () => {
    const error = await failure(openStream({ url: `${base}/error` }, context));
    expect(error).toMatchObject({ code: 'unavailable', status: 503, retryAfterMs: 2000, phase: 'headers' });
  });

  it('closes the connection when the consumer stops reading', async () => {
    const { chunks } = await openStream({ url: `${base}/slow-stream` }, context);
    for await (const event of parseServerSentEvents(chunks)) {
      expect(event.data).toBe('{"n":1}');
      break;
    }
    await expect.poll(() => closedConnections.includes('/slow-stream')).toBe(true);
  });

  it('maps an abort mid-stream to aborted / stream', async () => {
    const controller = new AbortController();
    const { chunks } = await openStream({ url: `${base}/slow-stream`, signal: controller.signal }, context);
    const error = await failure(
      (async () => {
        for await (const _event of parseServerSentEvents(chunks)) controller.abort();
      })(),
    );
    expect(error).toMatchObject({ code: 'aborted', phase: 'stream' });
  });

  it('maps a socket destroyed mid-stream to network / stream', async () => {
    const { chunks } = await openStream({ url: `${base}/cut` }, context);
    const events: string[] = [];
    const error = await failure(
      (async () => {
        for await (const event of parseServerSentEvents(chunks)) events.push(event.data);
      })(),
    );
    expect(events).toEqual(['{"n":1}']);
    expect(error).toMatchObject({ code: 'network', phase: 'stream', isRetryable: true });
  });

  it('times out a stalled stream with idleTimeoutMs', async () => {
    const { chunks } = await openStream({ url: `${base}/slow-stream` }, context, { idleTimeoutMs: 1 });
    const error = await failure(
      (async () => {
        for await (const _bytes of chunks) {
          // keep reading
        }
      })(),
    );
    expect(error).toMatchObject({ code: 'timeout', phase: 'stream' });
  });
});
