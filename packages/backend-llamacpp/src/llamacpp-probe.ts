import { type DialectContext, isRecord, probeHealthEndpoint } from '@switchyard/backend-kit';
import { BackendCallError, type ProbeResult } from '@switchyard/core';

/**
 * Checks a llama-server: `GET /health` (200 → `up`; 503 `Loading model` → `loading`; anything
 * else → `down` with the reason), then `GET /slots` for load (slots busy / total) when the server
 * exposes it. Never a generation call; never throws.
 *
 * @example
 * const { status, load } = await probeLlamaCpp(context, 'http://127.0.0.1:8080');
 */
export function probeLlamaCpp(
  context: DialectContext,
  root: string,
  options: { signal?: AbortSignal } = {},
): Promise<ProbeResult> {
  return probeHealthEndpoint(context, root, {
    signal: options.signal,
    readLoad: (signal) => slotLoad(context, root, signal),
    whenUnhealthy: (error) =>
      BackendCallError.isInstance(error) && error.status === 503 && /loading model/i.test(error.message)
        ? { status: 'loading', detail: 'llama-server is loading the model' }
        : undefined,
  });
}

async function slotLoad(
  context: DialectContext,
  root: string,
  signal: AbortSignal | undefined,
): Promise<ProbeResult['load']> {
  const { data } = await context.http.json<unknown>(`${root}/slots`, { signal });
  if (!Array.isArray(data)) return undefined;
  const processing = data.filter((slot) => isRecord(slot) && slot.is_processing === true).length;
  return { processing, slots: data.length };
}
