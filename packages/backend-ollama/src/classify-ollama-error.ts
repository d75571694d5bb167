import { classifyError, type ErrorClassifier } from '@switchyard/backend-kit';

/**
 * Ollama's error quirks on top of the generic classification (which already maps 404
 * `model '…' not found` → `model-not-found`, 400 `… does not support tools` → `unsupported`,
 * 503 `server busy … maximum pending requests exceeded` → `overloaded`, 502 → `unavailable`,
 * 429 → `rate-limited`):
 *
 * - 500 is a model load failure or a runner crash (out of memory, bad blob): `unavailable` but
 *   **not** retryable — fall back instead of hammering a server that cannot load the model;
 *   an error line inside a 200 stream is the same kind of failure.
 * - a `format` the grammar compiler rejects (`invalid format`, `invalid JSON schema`) is the
 *   request's fault: `invalid-request`.
 * - a 404 that does not name a model (`404 page not found`) means the base URL is wrong.
 *
 * @example
 * classifyOllamaError({ status: 500, details: { message: 'llama runner process has terminated: exit status 2' } });
 * // → { code: 'unavailable', isRetryable: false, hint: 'Ollama could not load or run the model' }
 */
export const classifyOllamaError: ErrorClassifier = (input) => {
  const { status, details } = input;
  if (/invalid (?:json schema in )?format|invalid JSON schema/i.test(details.message)) {
    return { code: 'invalid-request', hint: 'Ollama rejected the structured-output format' };
  }
  if (status === 404 && !/model/i.test(details.message)) {
    return {
      code: 'unsupported',
      hint: 'endpoint not found: baseUrl must be the Ollama root, e.g. http://127.0.0.1:11434',
    };
  }
  if (status === 500 || status === undefined) {
    const generic = classifyError(input);
    if (generic.code !== 'unknown') return generic;
    return { code: 'unavailable', isRetryable: false, hint: 'Ollama could not load or run the model' };
  }
  return undefined;
};
