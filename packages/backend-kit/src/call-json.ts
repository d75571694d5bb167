import { BackendCallError } from '@switchyard/core';
import { readResponseText } from './read-response-text.js';
import { type HttpContext, type HttpRequest, sendRequest } from './send-request.js';

/** A successful JSON call. */
export type JsonResult<T> = {
  readonly data: T;
  readonly status: number;
  readonly headers: Headers;
  /** From sending the request to the end of the body, in ms. */
  readonly durationMs: number;
};

/** A successful text call (e.g. Prometheus `/metrics`). */
export type TextResult = Omit<JsonResult<string>, 'data'> & { readonly text: string };

/**
 * Calls an endpoint and parses its JSON body. A non-2xx status becomes a classified
 * `BackendCallError` (phase `headers`); a 2xx body that is not JSON gives code `invalid-output`.
 *
 * @example
 * const { data } = await callJson<{ data: { id: string }[] }>(
 *   { url: 'https://api.openai.com/v1/models', headers: { authorization: `Bearer ${key}` } },
 *   { backend: 'openai', secrets: [key] },
 * );
 */
export async function callJson<T = unknown>(
  request: HttpRequest,
  context: HttpContext,
): Promise<JsonResult<T>> {
  const result = await callText(request, context);
  try {
    return { ...result, data: JSON.parse(result.text) as T };
  } catch (error) {
    throw new BackendCallError({
      message: `${request.url} answered ${result.status} with a body that is not JSON`,
      code: 'invalid-output',
      backend: context.backend,
      phase: 'headers',
      status: result.status,
      cause: error,
    });
  }
}

/**
 * Calls an endpoint and returns its body as text; non-2xx statuses throw like {@link callJson}.
 *
 * @example
 * const { text } = await callText({ url: 'http://127.0.0.1:8000/metrics' }, { backend: 'vllm' });
 */
export async function callText(request: HttpRequest, context: HttpContext): Promise<TextResult> {
  const { response, startedAt } = await sendRequest(request, context);
  const text = await readResponseText(response, request, context);
  return {
    text,
    status: response.status,
    headers: response.headers,
    durationMs: performance.now() - startedAt,
  };
}
