import { BackendCallError, type BackendErrorCode, type BackendErrorPhase } from '@switchyard/core';

/**
 * A `BackendCallError` raised before any backend work is done, when the request asks for
 * something this backend cannot do or does not fit. The caller adds the backend id.
 *
 * @example
 * throw new EmbeddedRequestError('unsupported', 'tools are not supported by the embedded backend');
 */
export class EmbeddedRequestError extends Error {
  readonly code: BackendErrorCode;

  constructor(code: BackendErrorCode, message: string) {
    super(message);
    this.name = 'EmbeddedRequestError';
    this.code = code;
  }
}

/**
 * Builds the `BackendCallError` for a failure of the embedded backend. Aborts become code
 * `aborted` (`timeout` when the signal's reason is a `TimeoutError`, as from
 * `AbortSignal.timeout`), `EmbeddedRequestError`s keep their code, anything else is `unknown`;
 * an existing `BackendCallError` is returned as it is.
 *
 * @example
 * catch (error) { throw toEmbeddedCallError(error, { backend: 'embedded', phase: 'stream', signal }); }
 */
export function toEmbeddedCallError(
  error: unknown,
  options: { backend: string; phase: BackendErrorPhase; signal?: AbortSignal | undefined },
): BackendCallError {
  if (BackendCallError.isInstance(error)) return error;
  if (error instanceof EmbeddedRequestError) {
    return new BackendCallError({
      message: error.message,
      code: error.code,
      backend: options.backend,
      phase: options.phase,
      cause: error,
    });
  }
  if (options.signal?.aborted === true || isAbortError(error)) {
    const reason: unknown = options.signal?.aborted === true ? options.signal.reason : error;
    const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
    return new BackendCallError({
      message: timedOut ? 'The call timed out (its signal fired)' : 'The call was aborted by the caller',
      code: timedOut ? 'timeout' : 'aborted',
      backend: options.backend,
      phase: options.phase,
      isRetryable: timedOut,
      cause: error,
    });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new BackendCallError({
    message: `Embedded generation failed: ${detail}`,
    code: 'unknown',
    backend: options.backend,
    phase: options.phase,
    cause: error,
  });
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}
