import { BackendCallError, type BackendErrorPhase } from '../errors/backend-call-error.js';
import type { CallSignal } from './call-signal.js';

/** What {@link toCallError} needs to know about the call that failed. */
export type FailedCall = {
  readonly signal: CallSignal;
  readonly targetId: string;
  readonly backendId: string;
  readonly phase: BackendErrorPhase;
  readonly timeoutMs: number;
  readonly firstTokenTimeoutMs?: number | undefined;
};

/**
 * Turns whatever a call threw into a classified {@link BackendCallError}. The call's own signal
 * decides first: the caller's abort is `aborted`; the executor's total or first-token timeout is
 * `timeout`, not retryable (the target is slow now, so the executor fails over instead of waiting
 * as long again), whatever the backend made of the abort. A `BackendCallError` is kept as it is;
 * anything else (an adapter bug) becomes `unknown`.
 *
 * @example
 * catch (thrown) { const error = toCallError(thrown, { signal: call, targetId, backendId, phase: 'headers', timeoutMs }); }
 */
export function toCallError(thrown: unknown, call: FailedCall): BackendCallError {
  const reason = call.signal.abortReason();
  if (reason === 'caller') {
    return new BackendCallError({
      message: 'aborted by the caller',
      code: 'aborted',
      backend: call.backendId,
      phase: call.phase,
      isRetryable: false,
      cause: thrown,
    });
  }
  if (reason === 'timeout' || reason === 'first-token-timeout') {
    const message =
      reason === 'timeout'
        ? `target '${call.targetId}' gave no complete answer within ${call.timeoutMs} ms`
        : `target '${call.targetId}' sent no first token within ${call.firstTokenTimeoutMs} ms`;
    return new BackendCallError({
      message,
      code: 'timeout',
      backend: call.backendId,
      phase: call.phase,
      isRetryable: false,
      cause: thrown,
    });
  }
  if (BackendCallError.isInstance(thrown)) return thrown;
  const detail = thrown instanceof Error ? thrown.message : String(thrown);
  return new BackendCallError({
    message: `backend '${call.backendId}' failed unexpectedly: ${detail}`,
    code: 'unknown',
    backend: call.backendId,
    phase: call.phase,
    cause: thrown,
  });
}
