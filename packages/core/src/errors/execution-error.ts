import type { AttemptRecord, SkippedHopRecord } from '../spec/router-events.js';
import { BackendCallError, type BackendErrorCode, type BackendErrorPhase } from './backend-call-error.js';
import { errorMarker, SwitchyardError } from './switchyard-error.js';

const marker = errorMarker('ExecutionError');

/**
 * How the executor gave up: every hop was tried (`exhausted`), an error made trying elsewhere
 * pointless (`stopped`: invalid request, bad credentials), the caller aborted (`aborted`), or a
 * stream failed after output had reached the caller (`stream-failed`).
 */
export type ExecutionFailure = 'exhausted' | 'stopped' | 'aborted' | 'stream-failed';

/** One attempt as an {@link ExecutionError} lists it: where, and what went wrong. No content. */
export type ExecutionErrorAttempt = {
  readonly target: string;
  readonly model: string;
  readonly status: AttemptRecord['status'];
  readonly errorCode: BackendErrorCode | undefined;
};

/**
 * A request through `router.generate` / `stream` / `generateObject` failed. It is a
 * {@link BackendCallError} whose `code` is the deciding error's (`overloaded`, `invalid-request`,
 * `invalid-output`, `aborted`…), so one check maps it to an HTTP status; `attempts` lists each
 * call's target and error code, `skipped` the hops passed over. Never holds request content or keys.
 *
 * @example
 * try { await router.generate(request); } catch (error) {
 *   if (ExecutionError.isInstance(error)) console.log(error.code, error.attempts);
 * }
 */
export class ExecutionError extends BackendCallError {
  protected readonly [marker] = true;
  readonly requestId: string;
  readonly failure: ExecutionFailure;
  readonly attempts: readonly ExecutionErrorAttempt[];
  readonly skipped: readonly SkippedHopRecord[];
  /** For `invalid-output`: the last answer's validation errors, one line each. */
  readonly validationErrors: readonly string[];

  constructor(options: {
    requestId: string;
    failure: ExecutionFailure;
    code: BackendErrorCode;
    /** What happened, without the attempt list (which is appended). */
    summary: string;
    attempts: readonly AttemptRecord[];
    skipped?: readonly SkippedHopRecord[];
    validationErrors?: readonly string[];
    /** The deciding error (kept as `cause`; its status, retryability and Retry-After carry over). */
    cause?: BackendCallError;
    backend?: string;
    phase?: BackendErrorPhase;
  }) {
    const attempts = options.attempts.map((attempt) => ({
      target: attempt.target,
      model: attempt.model,
      status: attempt.status,
      errorCode: attempt.errorCode,
    }));
    const skipped = options.skipped ?? [];
    const cause = options.cause;
    super({
      message: `request ${options.requestId}: ${options.summary}${describeAttempts(attempts, skipped)}`,
      code: options.code,
      backend: options.backend ?? cause?.backend ?? 'switchyard',
      phase: options.phase ?? cause?.phase ?? 'connect',
      isRetryable: options.failure === 'exhausted' && (cause?.isRetryable ?? false),
      ...(cause?.status === undefined ? {} : { status: cause.status }),
      ...(cause?.retryAfterMs === undefined ? {} : { retryAfterMs: cause.retryAfterMs }),
      cause,
    });
    this.name = 'ExecutionError';
    this.requestId = options.requestId;
    this.failure = options.failure;
    this.attempts = attempts;
    this.skipped = skipped;
    this.validationErrors = options.validationErrors ?? [];
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      requestId: this.requestId,
      failure: this.failure,
      attempts: this.attempts,
      skipped: this.skipped,
      validationErrors: this.validationErrors,
    };
  }

  static override isInstance(error: unknown): error is ExecutionError {
    return SwitchyardError.hasMarker(error, marker);
  }
}

function describeAttempts(
  attempts: readonly ExecutionErrorAttempt[],
  skipped: readonly SkippedHopRecord[],
): string {
  const parts: string[] = [];
  if (attempts.length > 0) {
    const lines = attempts.map(
      (attempt) => `${attempt.target} (${attempt.model}): ${attempt.errorCode ?? attempt.status}`,
    );
    parts.push(`attempts: ${lines.join(', ')}`);
  }
  if (skipped.length > 0) {
    parts.push(`skipped: ${skipped.map((hop) => `${hop.target} (${hop.reason})`).join(', ')}`);
  }
  return parts.length === 0 ? '' : ` [${parts.join('; ')}]`;
}
