import type { BackendV1, HealthConfig, ProbeResult, Router } from '@switchyard/core';

/** The latest probe of one backend. */
export type ProbeRecord = ProbeResult & {
  /** When the probe finished (epoch ms). */
  readonly checkedAt: number;
};

/** Periodic probes of every backend, fed to the router's health tracker. */
export type HealthMonitor = {
  /** Probes every backend now (each with its timeout and retries) and records the results. */
  probeAll(): Promise<void>;
  /** The latest probe of a backend, if one ran. */
  latest(backendId: string): ProbeRecord | undefined;
  /** Starts probing every `intervalMs` (the timer does not keep the process alive). */
  start(): void;
  stop(): void;
};

/** A tracker that accepts probe results (core's circuit breaker does). */
type ProbeSink = { markProbe(targetId: string, status: ProbeResult['status']): void };

/**
 * Probes each backend's own free health endpoint (`probe()`, never a billed call) on a timer and
 * reports the result for each of its targets to the router's health tracker when it accepts
 * probes (`markProbe`): `down` opens the circuit, `up` lets an open one try again. A probe that
 * throws or outlives `health.timeoutMs` counts as `down` after `health.retries` more tries.
 *
 * @example
 * const monitor = createHealthMonitor({ router, backends, health: config.health });
 * await monitor.probeAll();
 * monitor.start();
 */
export function createHealthMonitor(options: {
  readonly router: Router;
  readonly backends: Readonly<Record<string, BackendV1>>;
  readonly health: Pick<HealthConfig, 'intervalMs' | 'timeoutMs' | 'retries'>;
  readonly now?: () => number;
}): HealthMonitor {
  const now = options.now ?? Date.now;
  const records = new Map<string, ProbeRecord>();
  const tracker = options.router.healthTracker as Partial<ProbeSink> | undefined;
  const targetsByBackend = new Map<string, string[]>();
  for (const target of options.router.targets) {
    const list = targetsByBackend.get(target.backend) ?? [];
    list.push(target.id);
    targetsByBackend.set(target.backend, list);
  }
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function probeOnce(backend: BackendV1): Promise<ProbeResult> {
    const signal = AbortSignal.timeout(options.health.timeoutMs);
    try {
      return await Promise.race([
        backend.probe({ signal }),
        new Promise<never>((_, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        }),
      ]);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { status: 'down', latencyMs: options.health.timeoutMs, detail };
    }
  }

  async function probeBackend(id: string, backend: BackendV1): Promise<void> {
    let result = await probeOnce(backend);
    for (let retry = 0; retry < options.health.retries && result.status === 'down'; retry++) {
      result = await probeOnce(backend);
    }
    records.set(id, { ...result, checkedAt: now() });
    if (typeof tracker?.markProbe !== 'function') return;
    for (const targetId of targetsByBackend.get(id) ?? []) tracker.markProbe(targetId, result.status);
  }

  function probeAll(): Promise<void> {
    running ??= Promise.all(
      Object.entries(options.backends).map(([id, backend]) => probeBackend(id, backend)),
    ).then(
      () => {
        running = undefined;
      },
      () => {
        running = undefined;
      },
    );
    return running;
  }

  return {
    probeAll,
    latest: (backendId) => records.get(backendId),
    start() {
      if (timer !== undefined) return;
      timer = setInterval(() => void probeAll(), options.health.intervalMs);
      timer.unref();
    },
    stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
  };
}
