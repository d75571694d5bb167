import type { BackendHealth, HealthMonitor, Router, TargetHealth } from '@switchyard/core';

/** The latest check of a target's backend, as `/ready` shows it. */
export type TargetProbe = Pick<
  BackendHealth,
  'status' | 'latencyMs' | 'detail' | 'load' | 'attempts' | 'checkedAt' | 'consecutiveFailures'
>;

/** One target in the readiness report. */
export type TargetReadiness = {
  readonly id: string;
  readonly backend: string;
  readonly kind: string;
  readonly model: string;
  readonly tier: number;
  readonly locality: string;
  /** The health tracker's view (`unknown` until a call or probe says otherwise). */
  readonly health: TargetHealth;
  /** Whether requests may be sent to it now (not `unhealthy`, circuit not open). */
  readonly usable: boolean;
  /** The latest check of its backend, once one has run. */
  readonly probe?: TargetProbe;
};

/** The `/ready` body. */
export type ReadinessReport = {
  readonly status: 'ready' | 'not-ready';
  /** Why not, when not ready. */
  readonly reason?: string;
  readonly targets: readonly TargetReadiness[];
};

/**
 * Builds the readiness report: each target's health from the router's tracker (fed by calls and
 * by the monitor's checks) and its backend's latest check from core's health monitor. Ready when
 * at least one target is usable and the gateway is not shutting down. Probe details pass through
 * `redact` (default: unchanged).
 *
 * @example
 * const report = readinessReport(router, monitor, false);
 * response.writeHead(report.status === 'ready' ? 200 : 503);
 */
export function readinessReport(
  router: Router,
  monitor: Pick<HealthMonitor, 'results'> | undefined,
  shuttingDown: boolean,
  redact: (text: string) => string = (text) => text,
): ReadinessReport {
  const checks = new Map((monitor?.results() ?? []).map((check) => [check.backend, check]));
  const targets = router.targets.map((target): TargetReadiness => {
    const health = router.healthTracker?.health(target.id) ?? 'unknown';
    const check = checks.get(target.backend);
    return {
      id: target.id,
      backend: target.backend,
      kind: target.kind,
      model: target.model,
      tier: target.tier,
      locality: target.locality,
      health,
      usable: health !== 'unhealthy' && health !== 'circuit-open',
      ...(check === undefined ? {} : { probe: probeOf(check, redact) }),
    };
  });
  if (shuttingDown) return { status: 'not-ready', reason: 'the gateway is shutting down', targets };
  if (!targets.some((target) => target.usable)) {
    return {
      status: 'not-ready',
      reason: 'no target is usable: every one is down or its circuit is open',
      targets,
    };
  }
  return { status: 'ready', targets };
}

function probeOf(check: BackendHealth, redact: (text: string) => string): TargetProbe {
  return {
    status: check.status,
    latencyMs: check.latencyMs,
    ...(check.detail === undefined ? {} : { detail: redact(check.detail) }),
    ...(check.load === undefined ? {} : { load: check.load }),
    attempts: check.attempts,
    checkedAt: check.checkedAt,
    consecutiveFailures: check.consecutiveFailures,
  };
}
