import type { BackendCallError, BackendErrorCode } from '../errors/backend-call-error.js';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import type { ProbeResult } from '../spec/backend.js';
import type { HealthTracker } from './health-tracker.js';

/** State of one target's circuit. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** Settings of {@link createCircuitBreakerHealthTracker}. */
export type CircuitBreakerOptions = {
  /** Consecutive failures (of the `tripCodes`) that open the circuit (default 5). */
  readonly failureThreshold?: number;
  /** How long an open circuit stays open before one trial call, in ms (default 30 000). */
  readonly cooldownMs?: number;
  /**
   * Error codes that count as the target failing (default: rate-limited, overloaded, unavailable,
   * timeout, network, quota-exhausted, model-not-found, unknown). Other errors (a bad request, a
   * context overflow) show the server answering and count as a sign of life; `aborted` counts as
   * nothing.
   */
  readonly tripCodes?: readonly BackendErrorCode[];
  /** Clock (default `Date.now`). */
  readonly now?: () => number;
  /** Called on every state change of a circuit. */
  readonly onStateChange?: (change: { targetId: string; from: CircuitState; to: CircuitState }) => void;
};

/** The default {@link HealthTracker}: a circuit breaker per target, plus the latest probe result. */
export type CircuitBreakerHealthTracker = HealthTracker & {
  /** The circuit's state now (an open circuit past its cooldown reads `half-open`). */
  circuit(targetId: string): CircuitState;
  /**
   * Feeds a periodic health probe's result: `down` opens the circuit, `up` lets an open circuit
   * try one call at once (half-open), `loading` marks the target degraded.
   */
  markProbe(targetId: string, status: ProbeResult['status']): void;
};

/** Default of {@link CircuitBreakerOptions.tripCodes}. */
export const DEFAULT_TRIP_CODES: readonly BackendErrorCode[] = [
  'rate-limited',
  'overloaded',
  'unavailable',
  'timeout',
  'network',
  'quota-exhausted',
  'model-not-found',
  'unknown',
];

type Circuit = {
  state: 'closed' | 'open' | 'half-open';
  consecutiveFailures: number;
  openedAt: number;
  /** When the half-open trial call was handed out, if it is in flight. */
  trialStartedAt: number | undefined;
  succeeded: boolean;
  probe: ProbeResult['status'] | undefined;
};

/**
 * Creates the default health tracker: per target, a circuit that opens after `failureThreshold`
 * consecutive failures, stays open for `cooldownMs`, then lets one trial call through (half-open);
 * the trial's success closes it, its failure opens it again. A trial that never reports back is
 * given up after another `cooldownMs`, so a circuit cannot stay stuck.
 *
 * @example
 * const health = createCircuitBreakerHealthTracker({ failureThreshold: 3, cooldownMs: 10_000 });
 * health.recordFailure('local-8b', error); // ×3
 * health.canAttempt('local-8b'); // false for 10 s
 */
export function createCircuitBreakerHealthTracker(
  options: CircuitBreakerOptions = {},
): CircuitBreakerHealthTracker {
  const failureThreshold = options.failureThreshold ?? 5;
  const cooldownMs = options.cooldownMs ?? 30_000;
  const tripCodes = new Set(options.tripCodes ?? DEFAULT_TRIP_CODES);
  const now = options.now ?? Date.now;
  const circuits = new Map<string, Circuit>();
  const issues: string[] = [];
  if (!(Number.isInteger(failureThreshold) && failureThreshold >= 1)) {
    issues.push('failureThreshold: must be an integer ≥ 1');
  }
  if (!(Number.isFinite(cooldownMs) && cooldownMs >= 0)) issues.push('cooldownMs: must be a number ≥ 0');
  if (issues.length > 0) {
    throw new InvalidConfigError({
      message: `invalid circuit breaker options: ${issues.join('; ')}`,
      issues,
    });
  }

  function circuitOf(targetId: string): Circuit {
    let circuit = circuits.get(targetId);
    if (circuit === undefined) {
      circuit = {
        state: 'closed',
        consecutiveFailures: 0,
        openedAt: 0,
        trialStartedAt: undefined,
        succeeded: false,
        probe: undefined,
      };
      circuits.set(targetId, circuit);
    }
    return circuit;
  }

  function moveTo(targetId: string, circuit: Circuit, state: Circuit['state']): void {
    if (circuit.state === state) return;
    const from = circuit.state;
    circuit.state = state;
    if (state === 'open') circuit.openedAt = now();
    if (state !== 'half-open') circuit.trialStartedAt = undefined;
    if (state === 'closed') circuit.consecutiveFailures = 0;
    options.onStateChange?.({ targetId, from, to: state });
  }

  /** An open circuit past its cooldown turns half-open when looked at. */
  function current(targetId: string): Circuit {
    const circuit = circuitOf(targetId);
    if (circuit.state === 'open' && now() - circuit.openedAt >= cooldownMs) {
      moveTo(targetId, circuit, 'half-open');
    }
    return circuit;
  }

  function recordLife(targetId: string): void {
    const circuit = current(targetId);
    circuit.succeeded = true;
    circuit.consecutiveFailures = 0;
    if (circuit.state !== 'closed') moveTo(targetId, circuit, 'closed');
  }

  return {
    health(targetId) {
      const circuit = current(targetId);
      if (circuit.state === 'open') return 'circuit-open';
      if (circuit.probe === 'down') return 'unhealthy';
      if (circuit.state === 'half-open' || circuit.consecutiveFailures > 0 || circuit.probe === 'loading') {
        return 'degraded';
      }
      if (circuit.succeeded || circuit.probe === 'up') return 'healthy';
      return 'unknown';
    },

    circuit(targetId) {
      return current(targetId).state;
    },

    canAttempt(targetId) {
      const circuit = current(targetId);
      if (circuit.state === 'closed') return true;
      if (circuit.state === 'open') return false;
      const trialStartedAt = circuit.trialStartedAt;
      if (trialStartedAt !== undefined && now() - trialStartedAt < cooldownMs) return false;
      circuit.trialStartedAt = now();
      return true;
    },

    recordSuccess(targetId) {
      recordLife(targetId);
    },

    recordFailure(targetId, error: BackendCallError) {
      if (error.code === 'aborted') {
        circuitOf(targetId).trialStartedAt = undefined;
        return;
      }
      if (!tripCodes.has(error.code)) {
        recordLife(targetId);
        return;
      }
      const circuit = current(targetId);
      circuit.consecutiveFailures += 1;
      if (circuit.state === 'half-open') {
        moveTo(targetId, circuit, 'open');
      } else if (circuit.state === 'closed' && circuit.consecutiveFailures >= failureThreshold) {
        moveTo(targetId, circuit, 'open');
      }
    },

    markProbe(targetId, status) {
      const circuit = current(targetId);
      circuit.probe = status;
      if (status === 'down' && circuit.state !== 'open') moveTo(targetId, circuit, 'open');
      else if (status === 'up' && circuit.state === 'open') moveTo(targetId, circuit, 'half-open');
    },
  };
}
