import { type DialectContext, probeHealthEndpoint } from '@switchyard/backend-kit';
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
  return probeHealthEndpoint(context, root, {
    signal: options.signal,
    loadMetrics: { processing: 'tgi_batch_current_size', queued: 'tgi_queue_size' },
  });
}
