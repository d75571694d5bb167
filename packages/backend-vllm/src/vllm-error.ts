import type { ErrorClassifier } from '@switchyard/backend-kit';

/**
 * vLLM's error quirks on top of the generic classification (which already maps 400 "maximum
 * context length" → `context-length-exceeded` and `"auto" tool choice requires
 * --enable-auto-tool-choice` → `unsupported`): a dead engine is `unavailable` and not worth
 * retrying here — the server needs a restart.
 *
 * @example
 * classifyVllmError({ status: 500, details: { message: 'EngineDeadError: engine loop has died' } });
 * // → { code: 'unavailable', isRetryable: false, hint: '…' }
 */
export const classifyVllmError: ErrorClassifier = ({ status, details }) => {
  if (
    (status === undefined || status >= 500) &&
    /engine ?dead|engine loop has died/i.test(`${details.message} ${details.type ?? ''}`)
  ) {
    return {
      code: 'unavailable',
      isRetryable: false,
      hint: 'the vLLM engine died; the server needs a restart',
    };
  }
  return undefined;
};
