import type { BackendCallError, BackendErrorPhase } from '@switchyard/core';
import { mapFetchError } from './map-fetch-error.js';
import type { HttpContext, HttpRequest } from './send-request.js';

/**
 * Classifies a thrown failure of one HTTP request (see {@link mapFetchError}) at the phase it
 * happened in: `connect` before a response, `headers` while reading an answer's body, `stream`
 * while iterating a stream. The URL is redacted with the context's secrets.
 *
 * @example
 * try { text = await response.text(); }
 * catch (error) { throw requestFailure(error, request, context, 'headers'); }
 */
export function requestFailure(
  error: unknown,
  request: HttpRequest,
  context: HttpContext,
  phase: BackendErrorPhase,
): BackendCallError {
  return mapFetchError(error, {
    backend: context.backend,
    url: request.url,
    signal: request.signal,
    phase,
    secrets: context.secrets,
  });
}
