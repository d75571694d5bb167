import type { SkippedHopRecord } from '../spec/router-events.js';
import type { Candidate } from '../spec/target.js';

/** How to pick the next hop after the current one. */
export type NextHopRule =
  /** The next hop in the chain (fail-over). */
  | 'next'
  /** The next hop whose context window is larger than the current one's (re-route). */
  | 'larger-window'
  /** The next hop of a higher tier; the next hop when none is higher (escalation after invalid output). */
  | 'higher-tier-or-next'
  /** The next hop of a higher tier, or none (escalation after a failed quality gate). */
  | 'higher-tier';

/** The hop to go to (`undefined`: none fits) and the hops passed over on the way (all, when none fits). */
export type NextHop = {
  readonly index: number | undefined;
  readonly skipped: readonly SkippedHopRecord[];
};

/**
 * Picks the next hop of a chain after `current` by a rule, only ever moving forward — so every hop
 * the executor reaches is one the routing decision listed (and every hard limit held for).
 *
 * @example
 * nextHop(decision.chain, 0, 'larger-window'); // { index: 2, skipped: [{ target: 'local-8k', hop: 1, … }] }
 */
export function nextHop(chain: readonly Candidate[], current: number, rule: NextHopRule): NextHop {
  const from = chain[current];
  if (from === undefined || current + 1 >= chain.length) return { index: undefined, skipped: [] };
  if (rule === 'next') return { index: current + 1, skipped: [] };
  const accepts =
    rule === 'larger-window'
      ? (candidate: Candidate) =>
          candidate.target.capabilities.contextWindow > from.target.capabilities.contextWindow
      : (candidate: Candidate) => candidate.target.tier > from.target.tier;
  const reason: SkippedHopRecord['reason'] =
    rule === 'larger-window' ? 'smaller-context-window' : 'not-a-higher-tier';
  const passedOver = (end: number) =>
    chain.slice(current + 1, end).map((passed, offset) => ({
      target: passed.target.id,
      hop: current + 1 + offset,
      reason,
    }));
  for (let index = current + 1; index < chain.length; index += 1) {
    if (accepts(chain[index] as Candidate)) return { index, skipped: passedOver(index) };
  }
  if (rule === 'higher-tier-or-next') return { index: current + 1, skipped: [] };
  return { index: undefined, skipped: passedOver(chain.length) };
}
