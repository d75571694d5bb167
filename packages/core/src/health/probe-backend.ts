import type { BackendV1, ProbeResult } from '../spec/backend.js';
import type { HealthTimers } from './health-timers.js';
import { pause, runWithTimeout } from './run-with-timeout.js';

/** A backend check after its retries: the last probe's result and how many probes it took. */
export type BackendCheck = ProbeResult & {
  /** Probes made (1 + the retries used). */
  readonly attempts: number;
};

/** Settings of {@link probeBackend}. */
export type ProbeBackendOptions = {
  /** Time allowed for one probe, in ms. */
  readonly timeoutMs: number;
  /** Extra probes after a `down` before the check counts as down. */
  readonly retries: number;
  /** Wait between probes, in ms. */
  readonly retryDelayMs: number;
  readonly timers: HealthTimers;
  readonly now: () => number;
  /** Aborts the check (the monitor is stopping): resolves `undefined`. */
  readonly signal?: AbortSignal;
};

/**
 * Checks one backend on its free health endpoint (`backend.probe()`; adapters guarantee it is
 * never a billed call): up to `1 + retries` probes, each bounded by `timeoutMs`, until one says
 * `up` or `loading`. A probe that throws or does not answer in time counts as `down`, with the
 * reason in `detail`. Resolves `undefined` when aborted.
 *
 * @example
 * const check = await probeBackend(ollama, { timeoutMs: 2000, retries: 2, retryDelayMs: 500, timers, now });
 * // { status: 'down', attempts: 3, latencyMs: 2000, detail: 'no answer within 2000 ms' }
 */
export async function probeBackend(
  backend: BackendV1,
  options: ProbeBackendOptions,
): Promise<BackendCheck | undefined> {
  let attempts = 0;
  for (;;) {
    if (attempts > 0) await pause(options.retryDelayMs, options.timers, options.signal);
    if (options.signal?.aborted) return undefined;
    attempts += 1;
    const startedAt = options.now();
    const outcome = await runWithTimeout((signal) => backend.probe({ signal }), {
      timeoutMs: options.timeoutMs,
      timers: options.timers,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    if (outcome.status === 'aborted') return undefined;
    const result = resultOf(outcome, options.timeoutMs, options.now() - startedAt);
    if (result.status !== 'down' || attempts > options.retries) return { ...result, attempts };
  }
}

function resultOf(
  outcome: Exclude<Awaited<ReturnType<typeof runWithTimeout<ProbeResult>>>, { status: 'aborted' }>,
  timeoutMs: number,
  elapsedMs: number,
): ProbeResult {
  if (outcome.status === 'timeout') {
    return { status: 'down', latencyMs: timeoutMs, detail: `no answer within ${timeoutMs} ms` };
  }
  if (outcome.status === 'failed') {
    const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
    return { status: 'down', latencyMs: elapsedMs, detail: `probe failed: ${message}` };
  }
  const result: unknown = outcome.value;
  if (
    typeof result !== 'object' ||
    result === null ||
    !['up', 'loading', 'down'].includes((result as Partial<ProbeResult>).status as string)
  ) {
    return { status: 'down', latencyMs: elapsedMs, detail: 'probe returned no valid status' };
  }
  return result as ProbeResult;
}
