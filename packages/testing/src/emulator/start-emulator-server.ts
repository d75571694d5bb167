import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Emulator, EmulatorKind, EmulatorModel, EmulatorOptions, RecordedRequest } from './emulator.js';
import { Exchange } from './exchange.js';
import type { FaultOf } from './fault.js';
import { FaultQueue } from './fault-queue.js';
import type { Responder } from './responder.js';
import { sleep, untilAborted } from './sleep.js';

/** Running totals an emulator keeps (vLLM `/metrics` reports them). */
export type EmulatorStats = {
  /** Chat requests received and not yet answered. */
  inFlight: number;
  promptTokens: number;
  generationTokens: number;
  succeeded: number;
};

/** Handles one route. */
export type RouteHandler = (exchange: Exchange) => void | Promise<void>;

/** What a backend-specific emulator plugs into the shared server. */
export type EmulatorDefinition = {
  readonly kind: EmulatorKind;
  readonly options: EmulatorOptions;
  readonly models: readonly EmulatorModel[];
  /** Chat endpoints: faults without a `path` hit these. */
  readonly generationPaths: readonly string[];
  /** The handler for a method and path, or `undefined` for the backend's 404. */
  readonly route: (method: string, path: string) => RouteHandler | undefined;
  /** Lets the request through (true), or answers the backend's 401 and returns false. */
  readonly authorize: (exchange: Exchange) => boolean;
  /** Answers a `status` fault in the backend's own error form. */
  readonly answerStatusFault: (exchange: Exchange, fault: FaultOf<'status'>) => void;
  /** Answers an unknown route the way the backend does. */
  readonly answerNotFound: (exchange: Exchange) => void;
};

/**
 * Starts the shared HTTP server behind every emulator: records requests, applies the faults that
 * happen before a handler runs (`latency`, `hang`, `reset`, `status`), checks auth, routes, and
 * makes `close()` destroy every open connection.
 *
 * @example
 * const emulator = await startEmulatorServer(definition, stats);
 */
export async function startEmulatorServer(
  definition: EmulatorDefinition,
  stats: EmulatorStats,
): Promise<Emulator> {
  const faults = new FaultQueue();
  for (const fault of definition.options.faults ?? []) faults.add(fault);
  const requests: RecordedRequest[] = [];
  const errors: Error[] = [];
  const sockets = new Set<Socket>();
  const closing = new AbortController();
  let responder: Responder | undefined = definition.options.responder;
  let sequence = 0;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const rawBody = await readBody(request);
    if (rawBody === undefined) return;
    const url = new URL(request.url ?? '/', 'http://emulator.invalid');
    const isGeneration = definition.generationPaths.includes(url.pathname);
    const fault = faults.take(url.pathname, isGeneration);
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      search: url.search,
      headers: request.headers,
      rawBody,
      body: parseJson(rawBody),
      fault: fault?.type,
    };
    requests.push(record);
    sequence += 1;
    const local = new AbortController();
    response.on('close', () => local.abort());
    const signal = AbortSignal.any([local.signal, closing.signal]);
    const exchange = new Exchange(request, response, record, fault, signal, sequence, responder);
    if (isGeneration) {
      stats.inFlight += 1;
      response.on('close', () => {
        stats.inFlight -= 1;
      });
    }
    if (fault?.type === 'latency' && !(await sleep(fault.ms, signal))) return;
    if (fault?.type === 'hang') return untilAborted(signal);
    if (fault?.type === 'reset') return exchange.destroy();
    if (!definition.authorize(exchange)) return;
    if (fault?.type === 'status') return definition.answerStatusFault(exchange, fault);
    const handler = definition.route(record.method, record.path);
    if (handler === undefined) return definition.answerNotFound(exchange);
    await handler(exchange);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const failure = error instanceof Error ? error : new Error(String(error));
      errors.push(failure);
      if (response.headersSent) response.destroy();
      else if (!response.destroyed) {
        const body = `${definition.kind} emulator error: ${failure.message}`;
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    kind: definition.kind,
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    errors,
    models: definition.models,
    setFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    setResponder: (next) => {
      responder = next;
    },
    close: async () => {
      if (closing.signal.aborted) return;
      closing.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await closed;
    },
  };
}

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', () => resolve(undefined));
    request.on('aborted', () => resolve(undefined));
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
