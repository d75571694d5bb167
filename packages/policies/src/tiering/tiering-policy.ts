import type { Candidate, PolicyDecision, RoutingPolicyV1, Tier } from '@switchyard/core';
import { orderByRank } from '../candidates/order-by-rank.js';
import { parsePolicyOptions } from '../parse-policy-options.js';
import { desiredTierOf } from './desired-tier-of.js';
import { type TieringOptions, tieringOptionsSchema } from './tiering-options.js';

const locked: PolicyDecision = { type: 'not-applicable', reason: 'route already decided; order locked' };

/**
 * Position of a tier relative to the desired one: the desired tier first, then higher tiers
 * ascending (escalate before degrading), then lower tiers descending.
 */
function tierRank(tier: Tier, desired: Tier): number {
  if (tier === desired) return 0;
  return tier > desired ? tier - desired : 2 + desired - tier;
}

/**
 * `tiering`: picks the tier a request wants (see {@link desiredTierOf}: hint, prompt tag, prompt
 * size, complexity, task category, default) and stably partitions the candidates: targets at that
 * tier first, then higher tiers ascending, then lower tiers descending. It never drops a target.
 * In the default order it runs last, so it is the primary sort key and earlier ranking policies
 * (cost, quantization) order targets within a tier.
 *
 * @example
 * const policy = tieringPolicy({ cloudTokenThreshold: 12_000, smallCategories: ['summarize', 'classify'] });
 */
export function tieringPolicy(options?: TieringOptions): RoutingPolicyV1 {
  const resolved = parsePolicyOptions('tiering', tieringOptionsSchema, options);
  const smallCategories = new Set(resolved.smallCategories);
  return {
    specificationVersion: 'v1',
    name: 'tiering',
    decide({ profile, candidates, locked: isLocked }) {
      if (isLocked) return locked;
      const { tier, why } = desiredTierOf(profile, resolved, smallCategories);
      const ranks: number[] = new Array(candidates.length);
      let atTier = 0;
      for (let index = 0; index < candidates.length; index++) {
        const rank = tierRank((candidates[index] as Candidate).target.tier, tier);
        ranks[index] = rank;
        if (rank === 0) atTier++;
      }
      const ordered = orderByRank(candidates, ranks);
      const nearest = atTier === 0 ? `; no target at tier ${tier}, nearest first` : '';
      const reason = `${why}; ${atTier} of ${candidates.length} targets at tier ${tier}${nearest}`;
      return { type: 'ranked', candidates: ordered, reason };
    },
  };
}
