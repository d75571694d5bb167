import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createNodeHttpFetch } from './create-node-http-fetch.js';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

let server: Server;
let base: string;
const routes = new Map<string, Handler>();

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      const handler = routes.get(request.url ?? '');
      if (handler === undefined) {
        response.writeHead(404).end();
        return;
      }
      handler(request, body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  routes.set('/echo', (request, body, response) => {
    response.writeHead(201, 'Made', {
      'content-type': 'application/json',
      'x-seen-auth': request.headers.authorization ?? '',
    });
    response.end(
      JSON.stringify({ method: request.method, body, contentType: request.headers['content-type'] }),
    );
  });
  routes.set('/stream', (_request, _body, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    let sent = 0;
    const timer = setInterval(() => {
      sent += 1;
      response.write(`data: ${sent}\n\n`);
      if (sent === 3) {
        clearInterval(timer);
        response.end('data: [DONE]\n\n');
      }
    }, 5);
  });
  routes.set('/hang', () => {});
  routes.set('/cut', (_request, _body, response) => {
    response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
    response.write('partial');
    setTimeout(() => response.socket?.destroy(), 5);
  });
  routes.set('/gzip', (_request, _body, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    response.end(gzipSync(JSON.stringify({ compressed: true })));
  });
  routes.set('/empty', (_request, _body, response) => {
    response.writeHead(204).end();
  });
  routes.set('/moved', (_request, _body, response) => {
    response.writeHead(307, { location: '/echo' }).end();
  });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('createNodeHttpFetch', () => {
  const nodeFetch = createNodeHttpFetch();

  it('sends method, headers and body, and answers like fetch', async () => {
    const response = await nodeFetch(`${base}/echo`, {
      method: 'POST',
      headers: { Authorization: 'Bearer k', 'Content-Type': 'application/json' },
      body: '{"a":1}',
    });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Made');
    expect(response.ok).toBe(true);
    expect(response.headers.get('x-seen-auth')).toBe('Bearer k');
    expect(await response.json()).toEqual({
      method: 'POST',
      body: '{"a":1}',
      contentType: 'application/json',
    });
  });

  it('reuses kept-alive connections', async () => {
    const sockets = new Set<unknown>();
    const onConnection = (socket: unknown) => sockets.add(socket);
    server.on('connection', onConnection);
    const own = createNodeHttpFetch();
    try {
      for (let index = 0; index < 5; index++) await (await own(`${base}/echo`)).text();
      expect(sockets.size).toBe(1);
    } finally {
      server.off('connection', onConnection);
    }
  });

  it('streams the body as it arrives', async () => {
    const response = await nodeFetch(`${base}/stream`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const parts: string[] = [];
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      parts.push(decoder.decode(part.value));
    }
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(parts.join('')).toBe('data: 1\n\ndata: 2\n\ndata: 3\n\ndata: [DONE]\n\n');
  });

  it('decompresses gzip answers and has no body for 204', async () => {
    expect(await (await nodeFetch(`${base}/gzip`)).json()).toEqual({ compressed: true });
    const empty = await nodeFetch(`${base}/empty`);
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
  });

  it('rejects with the signal reason when aborted before or while waiting for headers', async () => {
    const before = new AbortController();
    before.abort(new DOMException('stop', 'AbortError'));
    await expect(nodeFetch(`${base}/echo`, { signal: before.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    const timeout = AbortSignal.timeout(30);
    await expect(nodeFetch(`${base}/hang`, { signal: timeout })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
  });

  it('errors the body when aborted mid-stream or when the server cuts it', async () => {
    const controller = new AbortController();
    const response = await nodeFetch(`${base}/stream`, { signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });
    const cut = await nodeFetch(`${base}/cut`);
    await expect(cut.text()).rejects.toThrow('terminated');
  });

  it('fails like fetch, with the socket error as cause, when nothing listens', async () => {
    const failure = nodeFetch('http://127.0.0.1:9/nothing');
    await expect(failure).rejects.toBeInstanceOf(TypeError);
    await expect(failure).rejects.toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNREFUSED' } });
  });

  it('hands redirects and Request inputs to the fallback', async () => {
    const fallback = vi.fn(async () => new Response('from fallback'));
    const withFallback = createNodeHttpFetch({ fallback });
    expect(await (await withFallback(`${base}/moved`)).text()).toBe('from fallback');
    expect(await (await withFallback(new Request(`${base}/echo`))).text()).toBe('from fallback');
    expect(fallback).toHaveBeenCalledTimes(2);
    expect(await (await withFallback(`${base}/echo`)).json()).toMatchObject({ method: 'GET' });
    expect(fallback).toHaveBeenCalledTimes(2);
  });
});
