import {
  type ErrorResponse,
  type HttpContext,
  type HttpRequest,
  mapFetchError,
  type OpenedStream,
  readBodyChunks,
  sendRequest,
  toBackendCallError,
} from '@switchyard/backend-kit';
import { BackendCallError } from '@switchyard/core';

/**
 * Classifies an Anthropic error answer (an HTTP error body or an `event: error` inside a 200
 * stream). Anthropic puts machine-readable detail in `error.details` (e.g.
 * `error_code: "enforced_spend_limit_reached"` on a 429), which the kit's body reader does not
 * look at: it is lifted into `error.metadata` first so the classifier sees it. The `request_id`
 * Anthropic support asks for is appended to the message.
 *
 * @example
 * throw toAnthropicCallError({ status: 429, body: text, headers: response.headers, phase: 'headers' }, http);
 */
export function toAnthropicCallError(response: ErrorResponse, http: HttpContext): BackendCallError {
  const body = liftErrorDetails(
    typeof response.body === 'string' ? (parseJson(response.body) ?? response.body) : response.body,
  );
  const error = toBackendCallError({ ...response, body }, http);
  const requestId =
    (isRecord(body) && typeof body.request_id === 'string' ? body.request_id : undefined) ??
    response.headers?.get('request-id');
  if (typeof requestId !== 'string' || requestId === '') return error;
  return new BackendCallError({
    message: `${error.message} (request-id ${requestId})`,
    code: error.code,
    backend: error.backend,
    phase: error.phase,
    status: error.status,
    isRetryable: error.isRetryable,
    retryAfterMs: error.retryAfterMs,
  });
}

/**
 * Calls an Anthropic endpoint and parses its JSON body; an error status becomes a classified
 * `BackendCallError` (phase `headers`), a body that is not JSON `invalid-output`.
 *
 * @example
 * const { data } = await callAnthropicJson({ url: `${root}/v1/models`, headers }, http);
 */
export async function callAnthropicJson<T = unknown>(
  request: HttpRequest,
  http: HttpContext,
): Promise<{ readonly data: T; readonly status: number }> {
  const { response } = await sendRequest(request, http);
  const text = await readText(response, request, http);
  if (!response.ok) throw errorOf(response, text, http);
  const data = parseJson(text);
  if (data === undefined) {
    throw new BackendCallError({
      message: `${request.url} answered ${response.status} with a body that is not JSON`,
      code: 'invalid-output',
      backend: http.backend,
      phase: 'headers',
      status: response.status,
    });
  }
  return { data: data as T, status: response.status };
}

/**
 * Opens a Messages stream. An error status is read and thrown as a classified `BackendCallError`
 * (phase `headers`), so the caller only iterates a healthy stream; read failures while iterating
 * surface with phase `stream` (`aborted`, `timeout`, or `network` for a cut connection).
 *
 * @example
 * const { chunks } = await openAnthropicStream({ url, body, headers, signal }, http, { idleTimeoutMs: 30_000 });
 */
export async function openAnthropicStream(
  request: HttpRequest,
  http: HttpContext,
  options: { readonly idleTimeoutMs?: number } = {},
): Promise<OpenedStream> {
  const { response, startedAt } = await sendRequest(
    { ...request, headers: { ...request.headers, accept: 'text/event-stream' } },
    http,
  );
  if (!response.ok) throw errorOf(response, await readText(response, request, http), http);
  const body = response.body;
  if (body === null) {
    throw new BackendCallError({
      message: `${request.url} answered ${response.status} without a body`,
      code: 'invalid-output',
      backend: http.backend,
      phase: 'headers',
      status: response.status,
    });
  }
  async function* chunks(): AsyncGenerator<Uint8Array, void, undefined> {
    try {
      yield* readBodyChunks(body as ReadableStream<Uint8Array>, {
        signal: request.signal,
        idleTimeoutMs: options.idleTimeoutMs,
      });
    } catch (error) {
      throw mapFetchError(error, {
        backend: http.backend,
        url: request.url,
        signal: request.signal,
        phase: 'stream',
        secrets: http.secrets,
      });
    }
  }
  return { response, startedAt, chunks: chunks() };
}

async function readText(response: Response, request: HttpRequest, http: HttpContext): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    throw mapFetchError(error, {
      backend: http.backend,
      url: request.url,
      signal: request.signal,
      phase: 'headers',
      secrets: http.secrets,
    });
  }
}

function errorOf(response: Response, text: string, http: HttpContext): BackendCallError {
  return toAnthropicCallError(
    {
      status: response.status,
      statusText: response.statusText,
      body: text,
      headers: response.headers,
      phase: 'headers',
    },
    http,
  );
}

/** Copies `error.details` into `error.metadata`, where the kit's error reader looks. */
function liftErrorDetails(body: unknown): unknown {
  if (!isRecord(body) || !isRecord(body.error) || !isRecord(body.error.details)) return body;
  const metadata = isRecord(body.error.metadata) ? body.error.metadata : {};
  return { ...body, error: { ...body.error, metadata: { ...body.error.details, ...metadata } } };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
