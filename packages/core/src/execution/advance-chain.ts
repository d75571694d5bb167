import type { EscalationReason, FallbackCause } from '../spec/router-events.js';
import type { Candidate } from '../spec/target.js';
import type { RequestRun } from './executor-context.js';
import { nextHop } from './next-hop.js';

/** Why the executor leaves the current hop, and which hop it may go to. */
export type ChainMove =
  | { readonly kind: 'fallback'; readonly cause: FallbackCause; readonly rule: 'next' | 'larger-window' }
  | {
      readonly kind: 'escalation';
      readonly reason: EscalationReason;
      readonly detail: string;
      readonly rule: 'higher-tier' | 'higher-tier-or-next';
    };

/**
 * Leaves hop `current` of the decision's chain: picks the next hop by the move's rule, records the
 * hops passed over, and emits the `fallback` or `escalation` event. Returns the next hop's index,
 * or `undefined` when no hop fits. Only moves forward through `decision.chain`: the executor never
 * calls a target the routing decision did not list.
 *
 * @example
 * const next = advanceChain(run, index, { kind: 'fallback', cause: 'overloaded', rule: 'next' });
 */
export function advanceChain(run: RequestRun, current: number, move: ChainMove): number | undefined {
  const chain = run.decision.chain;
  const next = nextHop(chain, current, move.rule);
  run.recorder.skip(next.skipped);
  if (next.index === undefined) return undefined;
  const from = chain[current] as Candidate;
  const to = chain[next.index] as Candidate;
  if (move.kind === 'fallback') run.recorder.fallback(from, to, move.cause);
  else run.recorder.escalation(from, to, move.reason, move.detail);
  return next.index;
}
