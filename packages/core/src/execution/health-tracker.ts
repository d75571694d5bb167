import type { BackendCallError } from '../errors/backend-call-error.js';
import type { HealthView } from '../spec/policy.js';

/**
 * Live health of targets, fed by the executor and read by it and by policies. The executor asks
 * `canAttempt` before every call (a `false` skips the hop: its circuit is open) and reports every
 * outcome. It is also the router's {@link HealthView}. The default is
 * {@link createCircuitBreakerHealthTracker}; a shared store (several gateway processes) can
 * implement the same four methods.
 *
 * @example
 * const tracker: HealthTracker = createCircuitBreakerHealthTracker({ failureThreshold: 3 });
 * const router = createRouter({ targets, policies, backends, healthTracker: tracker });
 */
export type HealthTracker = HealthView & {
  /**
   * Whether a call to the target may be made now. May claim something (the one trial call of a
   * half-open circuit), so call it only right before calling.
   */
  canAttempt(targetId: string): boolean;
  /** A call succeeded (the server answered, whatever the answer's quality). */
  recordSuccess(targetId: string, latencyMs: number): void;
  /** A call failed with this error. */
  recordFailure(targetId: string, error: BackendCallError): void;
};
