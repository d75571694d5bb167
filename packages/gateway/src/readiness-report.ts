import type { Router, TargetHealth } from '@switchyard/core';
import type { HealthMonitor, ProbeRecord } from './health-monitor.js';

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
  /** The latest probe of its backend, when probes run. */
  readonly probe?: ProbeRecord;
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
 * probes) and its backend's latest probe. Ready when at least one target is usable and the
 * gateway is not shutting down.
 *
 * @example
 * const report = readinessReport(router, monitor, false);
 * response.writeHead(report.status === 'ready' ? 200 : 503);
 */
export function readinessReport(
  router: Router,
  monitor: HealthMonitor | undefined,
  shuttingDown: boolean,
): ReadinessReport {
  const targets = router.targets.map((target): TargetReadiness => {
    const health = router.healthTracker?.health(target.id) ?? 'unknown';
    const probe = monitor?.latest(target.backend);
    return {
      id: target.id,
      backend: target.backend,
      kind: target.kind,
      model: target.model,
      tier: target.tier,
      locality: target.locality,
      health,
      usable: health !== 'unhealthy' && health !== 'circuit-open',
      ...(probe === undefined ? {} : { probe }),
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
