import type { ErrorClassifier } from '@switchyard/backend-kit';

/**
 * llama-server's error quirks on top of the generic classification (which already maps
 * `exceed_context_size_error` → `context-length-exceeded` and the shared-KV overflow
 * `Context size has been exceeded.` → `overloaded`, retryable, as HTTP 500 or in-stream):
 * a 503 `Loading model` is `unavailable` with a hint, a 404 means the base URL is not the server
 * root.
 *
 * @example
 * classifyLlamaCppError({ status: 503, details: { message: 'Loading model', type: 'unavailable_error' } });
 * // → { code: 'unavailable', hint: 'llama-server is still loading the model' }
 */
export const classifyLlamaCppError: ErrorClassifier = ({ status, details }) => {
  if (status === 503 && /loading model/i.test(details.message)) {
    return { code: 'unavailable', hint: 'llama-server is still loading the model' };
  }
  if (status === 404 && details.type === 'not_found_error') {
    return {
      code: 'unsupported',
      hint: 'endpoint not found: baseUrl must be the llama-server root, e.g. http://127.0.0.1:8080',
    };
  }
  return undefined;
};
