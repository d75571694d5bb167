import type { BackendV1 } from '../spec/backend.js';
import type { Target } from '../spec/target.js';
import { type HealthTimers, unrefTimers } from './health-timers.js';
import { runWithTimeout } from './run-with-timeout.js';

/** What warming one target up did. */
export type WarmUpResult = {
  readonly target: string;
  readonly backend: string;
  readonly model: string;
  /** `warm`: loaded; `skipped`: nothing to do (cloud, or no warm-up on this backend). */
  readonly status: 'warm' | 'failed' | 'timeout' | 'skipped';
  /** Time the load took (0 when skipped), in ms. */
  readonly durationMs: number;
  /** Why it failed or was skipped. */
  readonly detail?: string;
};

/** Settings of {@link warmUpTargets}. */
export type WarmUpOptions = {
  readonly targets: readonly Target[];
  readonly backends: Readonly<Record<string, BackendV1>>;
  /** Longest wait for one model, in ms (default 120 000). */
  readonly timeoutMs?: number;
  /** Clock for durations (default `Date.now`). */
  readonly now?: () => number;
  /** Timers (default: Node timers, unref'd). */
  readonly timers?: HealthTimers;
  /** Stops waiting (the results say `failed: aborted`). */
  readonly signal?: AbortSignal;
};

/**
 * Loads the models of local targets before the first request: `backend.warmUp(model)` on every
 * local target whose backend supports it (Ollama, embedded), all in parallel, each bounded by
 * `timeoutMs`. A backend+model pair shared by several targets is loaded once. Never rejects: each
 * target gets a result (cloud targets and backends without warm-up are `skipped`).
 *
 * @example
 * const results = await warmUpTargets({ targets: router.targets, backends, timeoutMs: 60_000 });
 * for (const result of results) console.log(result.target, result.status, result.durationMs);
 */
export async function warmUpTargets(options: WarmUpOptions): Promise<readonly WarmUpResult[]> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const timers = options.timers ?? unrefTimers;
  const now = options.now ?? Date.now;
  const loads = new Map<string, Promise<Omit<WarmUpResult, 'target' | 'backend' | 'model'>>>();

  function load(backend: BackendV1 & Required<Pick<BackendV1, 'warmUp'>>, model: string) {
    const key = `${backend.id}\u0000${model}`;
    let running = loads.get(key);
    if (running === undefined) {
      const startedAt = now();
      running = runWithTimeout((signal) => backend.warmUp(model, { signal }), {
        timeoutMs,
        timers,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      }).then((outcome) => {
        const durationMs = now() - startedAt;
        if (outcome.status === 'done') return { status: 'warm' as const, durationMs };
        if (outcome.status === 'timeout') {
          return { status: 'timeout' as const, durationMs, detail: `not loaded within ${timeoutMs} ms` };
        }
        if (outcome.status === 'aborted') return { status: 'failed' as const, durationMs, detail: 'aborted' };
        const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
        return { status: 'failed' as const, durationMs, detail: message };
      });
      loads.set(key, running);
    }
    return running;
  }

  return Promise.all(
    options.targets.map(async (target): Promise<WarmUpResult> => {
      const identity = { target: target.id, backend: target.backend, model: target.model };
      const skip = (detail: string): WarmUpResult => ({
        ...identity,
        status: 'skipped',
        durationMs: 0,
        detail,
      });
      if (target.locality !== 'local') return skip('cloud target');
      const backend = options.backends[target.backend];
      if (backend === undefined) {
        return {
          ...identity,
          status: 'failed',
          durationMs: 0,
          detail: `no adapter for backend '${target.backend}'`,
        };
      }
      if (typeof backend.warmUp !== 'function') return skip(`${backend.kind} backend has no warm-up`);
      return { ...identity, ...(await load(backend as Parameters<typeof load>[0], target.model)) };
    }),
  );
}
