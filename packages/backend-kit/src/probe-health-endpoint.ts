import type { ProbeResult } from '@switchyard/core';
import type { DialectContext } from './openai-compatible-dialect.js';
import { readPrometheusMetric } from './read-prometheus-metric.js';
import { type ProbeOutcome, runProbe } from './run-probe.js';

/** Prometheus gauges that give a server's load (summed over all label sets). */
export type PrometheusLoadMetrics = {
  /** Requests being generated now, e.g. `vllm:num_requests_running`. */
  readonly processing: string;
  /** Requests waiting for a slot, e.g. `vllm:num_requests_waiting`. */
  readonly queued: string;
};

/** Settings of {@link probeHealthEndpoint}. */
export type HealthProbeOptions = {
  readonly signal?: AbortSignal;
  /** Read load from `GET {root}/metrics` with these gauge names (vLLM, TGI). */
  readonly loadMetrics?: PrometheusLoadMetrics;
  /** Read load some other way (llama.cpp `/slots`); used instead of `loadMetrics`. */
  readonly readLoad?: (signal: AbortSignal | undefined) => Promise<ProbeResult['load']>;
  /**
   * An outcome other than `down` for a failed health call (llama.cpp's 503 `Loading model` →
   * `loading`); `undefined` keeps it `down` with the error as detail.
   */
  readonly whenUnhealthy?: (error: unknown) => ProbeOutcome | undefined;
};

/**
 * Checks a local inference server without a generation call: `GET {root}/health` (any 2xx →
 * `up`; an error status or a refused connection → `down` with the reason — these servers open
 * their port only once the model is loaded), then, once healthy, its load. Latency covers the
 * health call only, and a load that cannot be read leaves the probe `up` without `load`. Never
 * throws.
 *
 * @example
 * await probeHealthEndpoint(context, 'http://127.0.0.1:8000', {
 *   loadMetrics: { processing: 'vllm:num_requests_running', queued: 'vllm:num_requests_waiting' },
 * }); // → { status: 'up', latencyMs: 1.2, load: { processing: 3, queued: 7 } }
 */
export function probeHealthEndpoint(
  context: DialectContext,
  root: string,
  options: HealthProbeOptions = {},
): Promise<ProbeResult> {
  const { signal, loadMetrics, whenUnhealthy } = options;
  const readLoad =
    options.readLoad ??
    (loadMetrics === undefined ? undefined : () => prometheusLoad(context, root, loadMetrics, signal));
  return runProbe(async (stopClock) => {
    try {
      await context.http.text(`${root}/health`, { signal });
    } catch (error) {
      stopClock();
      const outcome = whenUnhealthy?.(error);
      if (outcome === undefined) throw error;
      return outcome;
    }
    stopClock();
    const load = await readLoad?.(signal).catch(() => undefined);
    return { status: 'up', ...(load === undefined ? {} : { load }) };
  });
}

async function prometheusLoad(
  context: DialectContext,
  root: string,
  metrics: PrometheusLoadMetrics,
  signal: AbortSignal | undefined,
): Promise<ProbeResult['load']> {
  const { text } = await context.http.text(`${root}/metrics`, { signal });
  const processing = readPrometheusMetric(text, metrics.processing);
  const queued = readPrometheusMetric(text, metrics.queued);
  if (processing === undefined && queued === undefined) return undefined;
  return {
    ...(processing === undefined ? {} : { processing }),
    ...(queued === undefined ? {} : { queued }),
  };
}
