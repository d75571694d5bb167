import type { Candidate, DroppedCandidate, PolicyDecision, RoutingPolicyV1 } from '@switchyard/core';
import { orderByRank } from '../candidates/order-by-rank.js';
import { parsePolicyOptions } from '../parse-policy-options.js';
import { type CostOptions, costOptionsSchema } from './cost-options.js';
import { estimateCostUsd } from './estimate-cost-usd.js';
import { formatUsd } from './format-usd.js';

const locked: PolicyDecision = { type: 'not-applicable', reason: 'route already decided; order locked' };

/**
 * `cost`: estimates each candidate's cost for this request ({@link estimateCostUsd} with the
 * profile's prompt and expected output tokens) and sorts cheapest first, stably. Targets without
 * a price sort last and the reason says how many. With `switchyard.maxCostUsd` on the request,
 * candidates estimated above it are dropped (unpriced ones are kept unless `unpricedUnderCap` is
 * `drop`). Once the route is locked it only applies the cap.
 *
 * @example
 * const policy = costPolicy({ unpricedUnderCap: 'drop' });
 */
export function costPolicy(options?: CostOptions): RoutingPolicyV1 {
  const { unpricedUnderCap } = parsePolicyOptions('cost', costOptionsSchema, options);
  return {
    specificationVersion: 'v1',
    name: 'cost',
    decide({ profile, candidates, locked: isLocked }) {
      const cap = profile.maxCostUsd;
      if (isLocked && cap === undefined) return locked;
      const prompt = profile.promptTokens;
      const output = profile.expectedOutputTokens;
      const costs: number[] = [];
      let kept: Candidate[] | undefined;
      let dropped: DroppedCandidate[] | undefined;
      let unpriced = 0;
      let cheapest = Number.POSITIVE_INFINITY;
      for (let index = 0; index < candidates.length; index++) {
        const candidate = candidates[index] as Candidate;
        const cost = estimateCostUsd(candidate.target, prompt, output);
        let dropReason: string | undefined;
        if (cap !== undefined) {
          if (cost === undefined) {
            if (unpricedUnderCap === 'drop') dropReason = `no price; cannot check the ${formatUsd(cap)} cap`;
          } else if (cost > cap) {
            dropReason = `est. ${formatUsd(cost)} > cap ${formatUsd(cap)}`;
          }
        }
        if (dropReason !== undefined) {
          kept ??= candidates.slice(0, index);
          dropped ??= [];
          dropped.push({ target: candidate.target.id, reason: dropReason });
          continue;
        }
        kept?.push(candidate);
        costs.push(cost ?? Number.POSITIVE_INFINITY);
        if (cost === undefined) unpriced++;
        else if (cost < cheapest) cheapest = cost;
      }
      const remaining = kept ?? candidates;
      const capText = cap === undefined ? '' : formatUsd(cap);
      if (remaining.length === 0) {
        return {
          type: 'rejected',
          reason: `no target is estimated under the ${capText} cap`,
          dropped: dropped ?? [],
        };
      }
      if (isLocked) {
        const unpricedKept = unpriced === 0 ? '' : `; ${unpriced} without price kept`;
        return {
          type: 'ranked',
          candidates: remaining,
          reason: `kept ${remaining.length} of ${candidates.length} under the ${capText} cap${unpricedKept}`,
          dropped: dropped ?? [],
        };
      }
      const ordered = orderByRank(remaining, costs);
      let reason =
        unpriced === remaining.length
          ? 'no target has a price; order kept'
          : `cheapest first: ${(ordered[0] as Candidate).target.id} est. ${formatUsd(cheapest)}`;
      if (dropped !== undefined) reason += `; dropped ${dropped.length} for the ${capText} cap`;
      if (unpriced > 0 && unpriced < remaining.length) reason += `; ${unpriced} without price last`;
      return { type: 'ranked', candidates: ordered, reason, dropped: dropped ?? [] };
    },
  };
}
