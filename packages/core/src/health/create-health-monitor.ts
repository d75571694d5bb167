import { InvalidConfigError } from '../errors/invalid-config-error.js';
import type { HealthTracker } from '../execution/health-tracker.js';
import type { BackendV1, ProbeResult } from '../spec/backend.js';
import type { BackendKind, Target } from '../spec/target.js';
import { type HealthTimers, unrefTimers } from './health-timers.js';
import { probeBackend } from './probe-backend.js';
import { type WarmUpResult, warmUpTargets } from './warm-up-targets.js';

/** Where probe results go: the circuit breaker's `markProbe`. */
export type ProbeTracker = {
  markProbe(targetId: string, status: ProbeResult['status']): void;
};

/** Settings of {@link createHealthMonitor}. */
export type HealthMonitorOptions = {
  /** The router's targets; every backend that serves one is checked. */
  readonly targets: readonly Target[];
  /** Adapters by backend id. */
  readonly backends: Readonly<Record<string, BackendV1>>;
  /**
   * Receives every check's status for each target of the backend (`router.healthTracker` when it
   * is the default circuit breaker). A tracker without `markProbe` is refused.
   */
  readonly tracker?: HealthTracker | ProbeTracker;
  /** Time from the end of one round of checks to the next, in ms (default 30 000). */
  readonly intervalMs?: number;
  /** Time allowed for one probe, in ms (default 2000). */
  readonly timeoutMs?: number;
  /** Extra probes after a `down` before a backend counts as down (default 2). */
  readonly retries?: number;
  /** Wait between those probes, in ms (default 500). */
  readonly retryDelayMs?: number;
  /** Longest wait for one model to load in {@link HealthMonitor.warmUp}, in ms (default 120 000). */
  readonly warmUpTimeoutMs?: number;
  /** Clock (default `Date.now`). */
  readonly now?: () => number;
  /** Timers (default Node timers, unref'd so they never keep the process alive). */
  readonly setTimer?: HealthTimers['setTimer'];
  readonly clearTimer?: HealthTimers['clearTimer'];
  /** Called with every completed check (for logs). Must not throw. */
  readonly onCheck?: (health: BackendHealth) => void;
};

/** The latest check of one backend. */
export type BackendHealth = {
  readonly backend: string;
  readonly kind: BackendKind;
  readonly status: ProbeResult['status'];
  /** The last probe's latency, in ms. */
  readonly latencyMs: number;
  /** Why it is down (timeout, error), or what the server said. */
  readonly detail?: string;
  /** Load figures, where the server exposes them. */
  readonly load?: ProbeResult['load'];
  /** Probes in this check (1 + retries used). */
  readonly attempts: number;
  /** When the check ended (epoch ms). */
  readonly checkedAt: number;
  /** Checks in a row that ended `down` (0 when this one did not). */
  readonly consecutiveFailures: number;
  /** The targets this backend serves (each was marked with `status`). */
  readonly targets: readonly string[];
};

/** Periodic health checks of the backends, feeding the circuit breaker. */
export type HealthMonitor = {
  /** Checks every backend now, then every `intervalMs` after each round ends. No-op if running. */
  start(): void;
  /** Stops the schedule and aborts a round in flight (its results are dropped); resolves once it has ended. */
  stop(): Promise<void>;
  /** Runs a round now (or joins the one in flight) and resolves with every backend's latest check. */
  checkNow(): Promise<readonly BackendHealth[]>;
  /** The latest check of each backend checked so far, in backend order. */
  results(): readonly BackendHealth[];
  /** Loads the models of local targets (once: later calls return the same results). */
  warmUp(): Promise<readonly WarmUpResult[]>;
  /** Whether the schedule is running. */
  readonly running: boolean;
};

/**
 * Creates the health monitor: each round probes every backend that serves a target, in
 * parallel, on its free health endpoint (with `timeoutMs` per probe and `retries` extra probes
 * after a `down`), records the result, and marks every target of that backend on the tracker:
 * `down` opens the circuit, `up` lets an open circuit try a call at once, `loading` marks the
 * target degraded. Rounds never overlap; the next starts `intervalMs` after one ends.
 *
 * @example
 * const monitor = createHealthMonitor({
 *   targets: router.targets,
 *   backends,
 *   tracker: router.healthTracker,
 *   intervalMs: config.health.intervalMs,
 *   timeoutMs: config.health.timeoutMs,
 *   retries: config.health.retries,
 * });
 * monitor.start();
 * void monitor.warmUp();
 * // GET /ready: monitor.results().every((check) => check.status === 'up')
 * await monitor.stop();
 */
export function createHealthMonitor(options: HealthMonitorOptions): HealthMonitor {
  const intervalMs = options.intervalMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 2_000;
  const retries = options.retries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 500;
  const warmUpTimeoutMs = options.warmUpTimeoutMs ?? 120_000;
  const now = options.now ?? Date.now;
  const timers: HealthTimers = {
    setTimer: options.setTimer ?? unrefTimers.setTimer,
    clearTimer: options.clearTimer ?? unrefTimers.clearTimer,
  };
  const tracker = probeTrackerOf(options.tracker);
  const targetsByBackend = groupTargets(options.targets, options.backends, {
    intervalMs,
    timeoutMs,
    retries,
    retryDelayMs,
    warmUpTimeoutMs,
  });
  const latest = new Map<string, BackendHealth>();
  let running = false;
  let scheduled: unknown;
  let round: { readonly promise: Promise<void>; readonly controller: AbortController } | undefined;
  let warmUp: Promise<readonly WarmUpResult[]> | undefined;

  async function checkBackend(backendId: string, signal: AbortSignal): Promise<void> {
    const backend = options.backends[backendId] as BackendV1;
    const check = await probeBackend(backend, { timeoutMs, retries, retryDelayMs, timers, now, signal });
    if (check === undefined || signal.aborted) return;
    const targets = targetsByBackend.get(backendId) ?? [];
    const previous = latest.get(backendId);
    const health: BackendHealth = {
      backend: backendId,
      kind: backend.kind,
      status: check.status,
      latencyMs: check.latencyMs,
      ...(check.detail === undefined ? {} : { detail: check.detail }),
      ...(check.load === undefined ? {} : { load: check.load }),
      attempts: check.attempts,
      checkedAt: now(),
      consecutiveFailures: check.status === 'down' ? (previous?.consecutiveFailures ?? 0) + 1 : 0,
      targets,
    };
    latest.set(backendId, health);
    // Neither a tracker nor a listener that throws may stop the round (or the schedule).
    for (const target of targets) {
      guard(`markProbe('${target}') threw`, () => tracker?.markProbe(target, check.status));
    }
    if (options.onCheck !== undefined) guard('onCheck threw', () => options.onCheck?.(health));
  }

  function results(): readonly BackendHealth[] {
    return [...targetsByBackend.keys()].flatMap((backendId) => {
      const health = latest.get(backendId);
      return health === undefined ? [] : [health];
    });
  }

  function startRound(): Promise<void> {
    if (round !== undefined) return round.promise;
    const controller = new AbortController();
    const promise = Promise.all(
      [...targetsByBackend.keys()].map((backendId) => checkBackend(backendId, controller.signal)),
    )
      .then(() => undefined)
      .finally(() => {
        if (round?.controller === controller) round = undefined;
      });
    round = { promise, controller };
    return promise;
  }

  function runScheduled(): void {
    scheduled = undefined;
    void startRound().then(() => {
      if (running && scheduled === undefined) scheduled = timers.setTimer(runScheduled, intervalMs);
    });
  }

  return {
    start() {
      if (running) return;
      running = true;
      runScheduled();
    },
    async stop() {
      running = false;
      if (scheduled !== undefined) {
        timers.clearTimer(scheduled);
        scheduled = undefined;
      }
      const current = round;
      if (current !== undefined) {
        current.controller.abort();
        await current.promise;
      }
    },
    async checkNow() {
      await startRound();
      return results();
    },
    results,
    warmUp() {
      warmUp ??= warmUpTargets({
        targets: options.targets,
        backends: options.backends,
        timeoutMs: warmUpTimeoutMs,
        now,
        timers,
      });
      return warmUp;
    },
    get running() {
      return running;
    },
  };
}

function guard(what: string, run: () => void): void {
  try {
    run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.emitWarning(`health monitor: ${what}: ${message}`, { code: 'SWITCHYARD_HEALTH' });
  }
}

function probeTrackerOf(tracker: HealthMonitorOptions['tracker']): ProbeTracker | undefined {
  if (tracker === undefined) return undefined;
  if (typeof (tracker as Partial<ProbeTracker>).markProbe !== 'function') {
    throw new TypeError(
      'createHealthMonitor: the tracker has no markProbe(targetId, status), so checks cannot reach it; ' +
        'pass the default circuit breaker (createCircuitBreakerHealthTracker) or leave tracker out',
    );
  }
  return tracker as ProbeTracker;
}

/** Target ids by backend id, in the order the targets list them; checks the settings. */
function groupTargets(
  targets: readonly Target[],
  backends: Readonly<Record<string, BackendV1>>,
  settings: Readonly<Record<string, number>>,
): Map<string, readonly string[]> {
  const issues: string[] = [];
  for (const [name, value] of Object.entries(settings)) {
    const minimum = name === 'retries' || name === 'retryDelayMs' ? 0 : 1;
    if (!(Number.isFinite(value) && value >= minimum)) issues.push(`${name}: must be a number ≥ ${minimum}`);
  }
  if (!Number.isInteger(settings.retries)) issues.push('retries: must be an integer');
  const groups = new Map<string, string[]>();
  targets.forEach((target, index) => {
    if (!Object.hasOwn(backends, target.backend)) {
      issues.push(
        `targets[${index}].backend: no adapter for backend '${target.backend}' (target '${target.id}')`,
      );
      return;
    }
    const group = groups.get(target.backend);
    if (group === undefined) groups.set(target.backend, [target.id]);
    else group.push(target.id);
  });
  if (issues.length > 0) {
    throw new InvalidConfigError({
      message: `invalid health monitor settings: ${issues.join('; ')}`,
      issues,
    });
  }
  return groups;
}
