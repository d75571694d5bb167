import { requestFailure } from './request-failure.js';
import type { ErrorContext } from './to-backend-call-error.js';

/** The fetch an adapter uses: `settings.fetch` (tests inject one) or the global one. */
export type FetchFunction = typeof globalThis.fetch;

/** Error context plus the fetch to call through. */
export type HttpContext = ErrorContext & {
  /** Default: `globalThis.fetch` (Node's keeps connections alive). */
  readonly fetch?: FetchFunction;
};

/** One HTTP request. A `body` is sent as JSON. */
export type HttpRequest = {
  readonly url: string;
  readonly method?: 'GET' | 'POST' | 'HEAD';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
};

/** A response and when its request was sent (`performance.now()` time base). */
export type SentRequest = { readonly response: Response; readonly startedAt: number };

/**
 * Sends a request through the context's fetch. Failures before a response (refused, DNS, reset,
 * abort, timeout) become a `BackendCallError` with phase `connect`; HTTP error statuses are
 * returned as they are for the caller to read.
 *
 * @example
 * const { response } = await sendRequest({ url: 'http://127.0.0.1:8080/health' }, { backend: 'llamacpp' });
 */
export async function sendRequest(request: HttpRequest, context: HttpContext): Promise<SentRequest> {
  const fetchFunction = context.fetch ?? globalThis.fetch;
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const startedAt = performance.now();
  try {
    const response = await fetchFunction(request.url, {
      method: request.method ?? (request.body === undefined ? 'GET' : 'POST'),
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: request.signal,
    });
    return { response, startedAt };
  } catch (error) {
    throw requestFailure(error, request, context, 'connect');
  }
}
