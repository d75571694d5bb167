import { type DialectContext, probeHealthEndpoint } from '@switchyard/backend-kit';
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
  return probeHealthEndpoint(context, root, {
    signal: options.signal,
    loadMetrics: { processing: 'vllm:num_requests_running', queued: 'vllm:num_requests_waiting' },
  });
}
