/**
 * A `fetch` that answers from recorded responses (a real server's answers saved as fixtures), for
 * adapters whose server cannot be made to fail on demand. Pass it as the adapter's `fetch`
 * setting; no global is patched.
 */

/** One recorded answer, or a failure to play instead of one. */
export type ReplayResponse = {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON value (sent as JSON) or a string (sent as is). */
  readonly body?: unknown;
  /** The body as separate network chunks, for streams (`text/event-stream` unless headers say otherwise). */
  readonly chunks?: readonly string[];
  /** Wait this long between chunks, in ms (honours abort). */
  readonly chunkDelayMs?: number;
  /** Never answer (until the request is aborted). */
  readonly hang?: boolean;
  /** Reject the fetch with this error (see {@link fetchFailure}). */
  readonly error?: unknown;
};

/** A request the replay fetch received. */
export type ReplayCall = {
  readonly method: string;
  readonly url: string;
  /** The URL's path, without the query. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The body parsed as JSON (`undefined` when absent or not JSON). */
  readonly body: unknown;
};

/** Answers one call. */
export type ReplayRoute = ReplayResponse | ((call: ReplayCall) => ReplayResponse);

/** The fetch and its controls. */
export type ReplayFetch = {
  readonly fetch: typeof globalThis.fetch;
  /** Every call, in order. */
  readonly calls: ReplayCall[];
  /**
   * Answers the next call to `path` (default: the next `POST`) with `route` instead of the
   * recorded answer; overrides are used in the order they were set.
   */
  setNext(route: ReplayRoute, path?: string): void;
  /** Drops every pending override. */
  clearOverrides(): void;
};

/**
 * Creates a replay fetch. `routes` maps `'METHOD /path'` (or just `'/path'`) to a recorded answer
 * or a function choosing one from the call; an unknown route answers 404 naming it. Abort signals
 * behave like Node's fetch: before the headers the call rejects with the signal's reason, after
 * them the body errors with it.
 *
 * @example
 * const replay = createReplayFetch({ 'GET /health': { body: { status: 'ok' } } });
 * replay.setNext({ error: fetchFailure('ECONNRESET') });
 * const backend = createLlamaCpp({ baseUrl: 'http://llama.test', fetch: replay.fetch });
 */
export function createReplayFetch(routes: Readonly<Record<string, ReplayRoute>>): ReplayFetch {
  const calls: ReplayCall[] = [];
  const overrides: { route: ReplayRoute; path: string | undefined }[] = [];

  const replayFetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init.method ?? 'GET').toUpperCase();
    const path = new URL(url).pathname;
    const call: ReplayCall = {
      method,
      url,
      path,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: parseBody(init.body),
    };
    calls.push(call);
    const overrideIndex = overrides.findIndex((override) =>
      override.path === undefined ? method === 'POST' : override.path === path,
    );
    const route =
      overrideIndex >= 0
        ? overrides.splice(overrideIndex, 1)[0]?.route
        : (routes[`${method} ${path}`] ?? routes[path]);
    const response: ReplayResponse =
      route === undefined
        ? { status: 404, body: { error: `no recorded answer for ${method} ${path}` } }
        : typeof route === 'function'
          ? route(call)
          : route;
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted();
    if (response.error !== undefined) throw response.error;
    if (response.hang === true) await waitForAbort(signal);
    return new Response(bodyOf(response, signal), {
      status: response.status ?? 200,
      headers: response.headers ?? defaultHeaders(response),
    });
  };

  return {
    fetch: replayFetch as typeof globalThis.fetch,
    calls,
    setNext(route, path) {
      overrides.push({ route, path });
    },
    clearOverrides() {
      overrides.length = 0;
    },
  };
}

/**
 * The error Node's fetch throws when a connection fails: a `TypeError('fetch failed')` whose
 * cause carries the socket error `code` (`ECONNREFUSED`, `ECONNRESET`, …).
 *
 * @example
 * replay.setNext({ error: fetchFailure('ECONNREFUSED') });
 */
export function fetchFailure(code: string): TypeError {
  return new TypeError('fetch failed', {
    cause: Object.assign(new Error(`${code === 'ECONNRESET' ? 'read' : 'connect'} ${code}`), { code }),
  });
}

function parseBody(body: RequestInit['body']): unknown {
  if (typeof body !== 'string') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function defaultHeaders(response: ReplayResponse): Record<string, string> {
  if (response.chunks !== undefined) return { 'content-type': 'text/event-stream' };
  return {
    'content-type': typeof response.body === 'string' ? 'text/plain' : 'application/json; charset=utf-8',
  };
}

function waitForAbort(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

function bodyOf(
  response: ReplayResponse,
  signal: AbortSignal | undefined,
): ReadableStream<Uint8Array> | null {
  const pieces =
    response.chunks ??
    (response.body === undefined
      ? []
      : [typeof response.body === 'string' ? response.body : JSON.stringify(response.body)]);
  if (pieces.length === 0) return null;
  const encoder = new TextEncoder();
  let position = 0;
  let aborted = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      signal?.addEventListener(
        'abort',
        () => {
          aborted = true;
          try {
            controller.error(signal.reason);
          } catch {
            // already closed
          }
        },
        { once: true },
      );
    },
    async pull(controller) {
      if (position > 0 && response.chunkDelayMs !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, response.chunkDelayMs));
      }
      if (aborted) return;
      const piece = pieces[position];
      position += 1;
      if (piece === undefined) controller.close();
      else controller.enqueue(encoder.encode(piece));
    },
  });
}
