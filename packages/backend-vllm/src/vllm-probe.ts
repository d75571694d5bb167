import { type DialectContext, readPrometheusMetric, runProbe } from '@switchyard/backend-kit';
import type { ProbeResult } from '@switchyard/core';

/**
 * Checks a vLLM server: `GET /health` (200 → `up`; 503 = engine dead → `down`; a refused
 * connection is `down` too — vLLM opens its port only once the model is loaded), then
 * `GET /metrics` for `vllm:num_requests_running` / `vllm:num_requests_waiting` when exposed.
 * Never a generation call; never throws.
 *
 * @example
 * const { status, load } = await probeVllm(context, 'http://127.0.0.1:8000');
 */
export function probeVllm(
  context: DialectContext,
  root: string,
  options: { signal?: AbortSignal } = {},
): Promise<ProbeResult> {
  return runProbe(async (stopClock) => {
    await context.http.text(`${root}/health`, { signal: options.signal });
    stopClock();
    const load = await metricsLoad(context, root, options.signal).catch(() => undefined);
    return { status: 'up', ...(load === undefined ? {} : { load }) };
  });
}

async function metricsLoad(
  context: DialectContext,
  root: string,
  signal: AbortSignal | undefined,
): Promise<ProbeResult['load']> {
  const { text } = await context.http.text(`${root}/metrics`, { signal });
  const processing = readPrometheusMetric(text, 'vllm:num_requests_running');
  const queued = readPrometheusMetric(text, 'vllm:num_requests_waiting');
  if (processing === undefined && queued === undefined) return undefined;
  return {
    ...(processing === undefined ? {} : { processing }),
    ...(queued === undefined ? {} : { queued }),
  };
}
