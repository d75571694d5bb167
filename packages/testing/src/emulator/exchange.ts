import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordedRequest } from './emulator.js';
import type { Fault } from './fault.js';
import type { Responder } from './responder.js';

/** Response headers as a plain object. */
export type Headers = Readonly<Record<string, string>>;

/**
 * One request/response pair inside an emulator: the recorded request, the fault that matched it,
 * an abort signal (client gone or emulator closing), and writers that never throw on a dead
 * socket.
 *
 * @example
 * exchange.json(404, { error: "model 'x' not found" });
 */
export class Exchange {
  constructor(
    readonly request: IncomingMessage,
    readonly response: ServerResponse,
    readonly record: RecordedRequest,
    readonly fault: Fault | undefined,
    readonly signal: AbortSignal,
    /** 1-based number of this request on its emulator (used in ids). */
    readonly sequence: number,
    /** The responder in force when the request arrived. */
    readonly responder: Responder | undefined,
  ) {}

  /** The parsed JSON body (`undefined` when empty or invalid). */
  get body(): unknown {
    return this.record.body;
  }

  /** Whether the response can still be written. */
  get isOpen(): boolean {
    return !this.signal.aborted && !this.response.destroyed && !this.response.writableEnded;
  }

  /** First value of a request header (lower-case name). */
  header(name: string): string | undefined {
    const value = this.record.headers[name];
    return Array.isArray(value) ? value[0] : value;
  }

  /** Sends a JSON body. */
  json(status: number, body: unknown, headers: Headers = {}): void {
    this.send(status, JSON.stringify(body), { 'content-type': 'application/json', ...headers });
  }

  /** Sends a text body (`text/plain` unless `headers` says otherwise). */
  text(status: number, text: string, headers: Headers = {}): void {
    this.send(status, text, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  }

  /** Sends a status with an empty body. */
  empty(status: number, headers: Headers = {}): void {
    this.send(status, '', headers);
  }

  /** Sends a body as given. */
  send(status: number, body: string, headers: Headers): void {
    if (!this.isOpen) return;
    this.response.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
    this.response.end(body);
  }

  /** Destroys the socket (a connection reset, as the client sees it). */
  destroy(): void {
    this.request.socket.destroy();
  }
}
