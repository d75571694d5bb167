import { type DialectContext, readPrometheusMetric, runProbe } from '@switchyard/backend-kit';
import type { ProbeResult } from '@switchyard/core';

/**
 * Checks a TGI server: `GET /health` (200 → `up`; 503 `unhealthy` → `down`; a refused connection
 * is `down` — TGI opens its port only once the shards are ready), then `GET /metrics` for
 * `tgi_queue_size` (queued) and `tgi_batch_current_size` (processing). Never throws.
 *
 * @example
 * const { status, load } = await probeTgi(context, 'http://127.0.0.1:3000');
 */
export function probeTgi(
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
  const processing = readPrometheusMetric(text, 'tgi_batch_current_size');
  const queued = readPrometheusMetric(text, 'tgi_queue_size');
  if (processing === undefined && queued === undefined) return undefined;
  return {
    ...(processing === undefined ? {} : { processing }),
    ...(queued === undefined ? {} : { queued }),
  };
}
