import { requestFailure } from './request-failure.js';
import type { HttpContext, HttpRequest } from './send-request.js';
import { toBackendCallError } from './to-backend-call-error.js';

/**
 * Reads a response body as text. A failed read becomes a `BackendCallError` with phase `headers`
 * (`network`, `timeout` or `aborted`); a non-2xx status is thrown as the classified error its
 * body describes (phase `headers`), so the text returned is always a success's.
 *
 * @example
 * const { response } = await sendRequest(request, context);
 * const text = await readResponseText(response, request, context); // throws on 4xx/5xx
 */
export async function readResponseText(
  response: Response,
  request: HttpRequest,
  context: HttpContext,
): Promise<string> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw requestFailure(error, request, context, 'headers');
  }
  if (!response.ok) {
    throw toBackendCallError(
      {
        status: response.status,
        statusText: response.statusText,
        body: text,
        headers: response.headers,
        phase: 'headers',
      },
      context,
    );
  }
  return text;
}
