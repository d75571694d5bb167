import {
  type BackendHealth,
  type BackendV1,
  createHealthMonitor,
  type HealthConfig,
  type HealthMonitor,
  type HealthTracker,
  type ProbeTracker,
  type Router,
  type WarmUpResult,
  warmUpTargets,
} from '@switchyard/core';
import type pino from 'pino';

/** Settings of {@link createGatewayHealth}. */
export type GatewayHealthOptions = {
  readonly router: Router;
  /** The router's adapters; without them nothing is probed or warmed up. */
  readonly backends: Readonly<Record<string, BackendV1>> | undefined;
  /** The config's `health:` section (default: core's defaults, checks and warm-up on). */
  readonly health: HealthConfig | undefined;
  readonly logger: pino.Logger;
  /** Cleans probe and warm-up messages before they are logged. */
  readonly redact: (text: string) => string;
};

/** The gateway's health checks and warm-up, on core's health monitor. */
export type GatewayHealth = {
  /** Core's monitor, when `health.enabled` and adapters were given. */
  readonly monitor: HealthMonitor | undefined;
  /** Loads the models of local targets (once; later calls return the same promise). */
  warmUp(): Promise<readonly WarmUpResult[]>;
  /** Starts the checks, and the warm-up when `health.warmUp` is on (not awaited). */
  start(): void;
  /** Stops the checks (a round in flight is aborted). */
  stop(): Promise<void>;
};

/**
 * Wires core's `createHealthMonitor` into the gateway: one check per backend every
 * `health.intervalMs` on its free health endpoint, results marked on the router's circuit breaker
 * (when it accepts probes), and a log line when a backend's status changes (`warn` when it goes
 * down; unchanged checks log at `debug`). `warmUp()` loads local models through core's warm-up
 * and logs each load.
 *
 * @example
 * const health = createGatewayHealth({ router, backends, health: config.health, logger, redact });
 * health.start();
 * // GET /ready: readinessReport(router, health.monitor, false)
 * await health.stop();
 */
export function createGatewayHealth(options: GatewayHealthOptions): GatewayHealth {
  const { router, backends, logger, redact } = options;
  const health = options.health;
  const lastStatus = new Map<string, BackendHealth['status']>();

  function logCheck(check: BackendHealth): void {
    const previous = lastStatus.get(check.backend);
    lastStatus.set(check.backend, check.status);
    const changed = previous !== check.status;
    const level = !changed ? 'debug' : check.status === 'down' ? 'warn' : 'info';
    if (!logger.isLevelEnabled(level)) return;
    logger[level](
      {
        backend: check.backend,
        kind: check.kind,
        status: check.status,
        previousStatus: previous,
        latencyMs: Math.round(check.latencyMs * 100) / 100,
        attempts: check.attempts,
        detail: check.detail === undefined ? undefined : redact(check.detail),
        targets: check.targets,
      },
      'health check',
    );
  }

  const monitor =
    backends === undefined || health?.enabled === false
      ? undefined
      : createHealthMonitor({
          targets: router.targets,
          backends,
          ...trackerOption(router.healthTracker),
          ...(health === undefined
            ? {}
            : {
                intervalMs: health.intervalMs,
                timeoutMs: health.timeoutMs,
                retries: health.retries,
                warmUpTimeoutMs: health.warmUpTimeoutMs,
              }),
          onCheck: logCheck,
        });

  let warming: Promise<readonly WarmUpResult[]> | undefined;
  function warmUp(): Promise<readonly WarmUpResult[]> {
    warming ??= (async () => {
      if (backends === undefined) return [];
      const results = await (monitor?.warmUp() ??
        warmUpTargets({
          targets: router.targets,
          backends,
          ...(health === undefined ? {} : { timeoutMs: health.warmUpTimeoutMs }),
        }));
      for (const result of results) {
        if (result.status === 'skipped') continue;
        logger[result.status === 'warm' ? 'info' : 'warn'](
          {
            target: result.target,
            backend: result.backend,
            model: result.model,
            status: result.status,
            durationMs: Math.round(result.durationMs),
            detail: result.detail === undefined ? undefined : redact(result.detail),
          },
          'warm-up',
        );
      }
      return results;
    })();
    return warming;
  }

  return {
    monitor,
    warmUp,
    start() {
      monitor?.start();
      if (health?.warmUp !== false) void warmUp();
    },
    async stop() {
      await monitor?.stop();
    },
  };
}

/** The router's tracker when it takes probe results (core's circuit breaker does); else none. */
function trackerOption(tracker: HealthTracker | undefined): { tracker?: ProbeTracker } {
  const candidate = tracker as Partial<ProbeTracker> | undefined;
  return typeof candidate?.markProbe === 'function' ? { tracker: candidate as ProbeTracker } : {};
}
