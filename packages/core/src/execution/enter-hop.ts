import type { Candidate } from '../spec/target.js';
import type { ReleaseSlot } from './concurrency-limiter.js';
import type { ExecutorContext, RequestRun } from './executor-context.js';

/** Whether a call on a hop may start now. */
export type HopEntry =
  | { readonly type: 'ready'; readonly release: ReleaseSlot }
  | { readonly type: 'skip'; readonly cause: 'circuit-open' | 'saturated'; readonly detail: string }
  | { readonly type: 'aborted' };

/**
 * Checks the circuit (`canAttempt`) and takes a concurrency slot for one call on a hop. A full
 * queue or a queue timeout answers `skip` with cause `saturated`, so the executor spills to the
 * next hop; the caller's abort while waiting answers `aborted`.
 *
 * @example
 * const entry = await enterHop(context, run, candidate);
 * if (entry.type === 'ready') try { … } finally { entry.release(); }
 */
export async function enterHop(
  context: ExecutorContext,
  run: RequestRun,
  candidate: Candidate,
): Promise<HopEntry> {
  if (run.signal?.aborted) return { type: 'aborted' };
  const { target } = candidate;
  if (!context.health.canAttempt(target.id)) {
    return { type: 'skip', cause: 'circuit-open', detail: `the circuit of '${target.id}' is open` };
  }
  const slot = await context.limiter.acquire(target.id, target.maxConcurrency, run.signal);
  if (slot.granted) return { type: 'ready', release: slot.release };
  if (slot.reason === 'aborted') return { type: 'aborted' };
  return { type: 'skip', cause: 'saturated', detail: `'${target.id}' is saturated: ${slot.detail}` };
}

/**
 * The total and first-token timeouts of a call on a hop: the route's override, else the target's,
 * else the executor's defaults.
 *
 * @example
 * const { timeoutMs, firstTokenTimeoutMs } = hopTimeouts(candidate, context.options);
 */
export function hopTimeouts(
  candidate: Candidate,
  options: ExecutorContext['options'],
): { readonly timeoutMs: number; readonly firstTokenTimeoutMs: number } {
  return {
    timeoutMs: candidate.timeoutMs ?? candidate.target.timeoutMs ?? options.defaultTimeoutMs,
    firstTokenTimeoutMs: candidate.target.firstTokenTimeoutMs ?? options.defaultFirstTokenTimeoutMs,
  };
}
