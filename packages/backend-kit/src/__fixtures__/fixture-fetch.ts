import { readFileSync } from 'node:fs';

/**
 * Test-only: a fetch that answers from recorded responses, records every call, honours abort
 * signals like Node's fetch (rejects before headers, errors the body after), and notes when a
 * body was cancelled. No globals are patched: pass `fetch` in the adapter settings.
 */

export type FixtureResponse = {
  readonly status?: number;
  readonly statusText?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON value (sent as JSON) or a string (sent as is). */
  readonly body?: unknown;
  /** The body as separate network chunks (strings or bytes), for streams. */
  readonly chunks?: readonly (string | Uint8Array)[];
  /** After the chunks, keep the body open until the request is aborted. */
  readonly hang?: boolean;
  /** Reject the fetch with this error (e.g. a connection-refused TypeError). */
  readonly error?: unknown;
  /** Wait this long before answering (honours abort). */
  readonly delayMs?: number;
};

export type RecordedCall = {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
  readonly signal: AbortSignal | undefined;
  bodyCancelled: boolean;
};

type Route = FixtureResponse | ((call: RecordedCall) => FixtureResponse);

export function fixtureFetch(routes: Record<string, Route>): { fetch: typeof fetch; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const fetchFunction = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = String(input);
    const method = init.method ?? 'GET';
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const call: RecordedCall = {
      url,
      method,
      headers,
      body,
      signal: init.signal ?? undefined,
      bodyCancelled: false,
    };
    calls.push(call);
    const { pathname } = new URL(url);
    const route = routes[`${method} ${pathname}`] ?? routes[pathname];
    const fixture: FixtureResponse =
      route === undefined
        ? { status: 599, body: `no fixture for ${method} ${pathname}` }
        : typeof route === 'function'
          ? route(call)
          : route;
    const signal = init.signal ?? undefined;
    if (fixture.delayMs !== undefined) await delay(fixture.delayMs, signal);
    if (signal?.aborted) throw signal.reason;
    if (fixture.error !== undefined) throw fixture.error;
    return new Response(bodyStream(fixture, call, signal), {
      status: fixture.status ?? 200,
      statusText: fixture.statusText,
      headers: fixture.headers ?? defaultHeaders(fixture),
    });
  };
  return { fetch: fetchFunction as typeof fetch, calls };
}

function defaultHeaders(fixture: FixtureResponse): Record<string, string> {
  if (fixture.chunks !== undefined) return { 'content-type': 'text/event-stream' };
  return { 'content-type': typeof fixture.body === 'string' ? 'text/plain' : 'application/json' };
}

function bodyStream(
  fixture: FixtureResponse,
  call: RecordedCall,
  signal: AbortSignal | undefined,
): ReadableStream<Uint8Array> | null {
  const encoder = new TextEncoder();
  const pieces =
    fixture.chunks ??
    (fixture.body === undefined
      ? []
      : [typeof fixture.body === 'string' ? fixture.body : JSON.stringify(fixture.body)]);
  let position = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      signal?.addEventListener('abort', () => {
        try {
          controller.error(signal.reason);
        } catch {
          // already closed
        }
      });
    },
    pull(controller) {
      const piece = pieces[position];
      position += 1;
      if (piece !== undefined) {
        controller.enqueue(typeof piece === 'string' ? encoder.encode(piece) : piece);
        return;
      }
      if (fixture.hang === true) return new Promise<void>(() => undefined);
      controller.close();
    },
    cancel() {
      call.bodyCancelled = true;
    },
  });
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

/** Reads `<name>.json` from a fixtures folder: `{ status?, headers?, body }`. */
export function loadFixture(directory: URL, name: string): FixtureResponse {
  return JSON.parse(readFileSync(new URL(`${name}.json`, directory), 'utf8')) as FixtureResponse;
}

/** Reads `<name>.chunks.txt`: the raw event-stream body, one SSE line per line. */
export function loadChunks(directory: URL, name: string): string {
  return readFileSync(new URL(`${name}.chunks.txt`, directory), 'utf8');
}

/** Splits a text into network chunks of `size` bytes (cutting through UTF-8 characters too). */
export function splitIntoChunks(text: string, size: number): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const chunks: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; start += size) chunks.push(bytes.slice(start, start + size));
  return chunks;
}

/** A Node-style connection error as `fetch` throws it. */
export function connectionError(code: string): TypeError {
  return new TypeError('fetch failed', {
    cause: Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code }),
  });
}

/** Drains an async iterable into an array. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
