import type { Candidate, PolicyDecision, RoutingPolicyV1 } from '@switchyard/core';
import { parsePolicyOptions } from '../parse-policy-options.js';
import { type LoadBalanceOptions, loadBalanceOptionsSchema } from './load-balance-options.js';

const locked: PolicyDecision = { type: 'not-applicable', reason: 'route already decided; order locked' };
const single: PolicyDecision = { type: 'not-applicable', reason: 'fewer than 2 candidates' };

/** Whether two candidates are interchangeable: same model asked, same quantization, same tier. */
function isEqual(a: Candidate, b: Candidate): boolean {
  return (
    a.model === b.model && a.target.quantization === b.target.quantization && a.target.tier === b.target.tier
  );
}

/**
 * `load-balance`: spreads requests over interchangeable targets — the leading candidate and any
 * others serving the same model at the same quantization and tier (e.g. the same model on two
 * Ollama hosts). It picks one of them with `context.random()`, weighted by `maxConcurrency` (or
 * equally), and moves it to the front; everything else keeps its order. Put it last, after the
 * ranking policies have chosen what is best: it only changes which of the equal best goes first.
 *
 * @example
 * const policies = [...defaultPolicies(environment), loadBalancePolicy({ weighBy: 'equal' })];
 */
export function loadBalancePolicy(options?: LoadBalanceOptions): RoutingPolicyV1 {
  const { weighBy } = parsePolicyOptions('load-balance', loadBalanceOptionsSchema, options);
  const weightOf = (candidate: Candidate): number =>
    weighBy === 'equal' ? 1 : Math.max(candidate.target.maxConcurrency ?? 1, 1);

  return {
    specificationVersion: 'v1',
    name: 'load-balance',
    decide({ candidates, context, locked: isLocked }) {
      if (isLocked) return locked;
      if (candidates.length < 2) return single;
      const leader = candidates[0] as Candidate;
      const group: number[] = [0];
      let total = weightOf(leader);
      for (let index = 1; index < candidates.length; index++) {
        const candidate = candidates[index] as Candidate;
        if (!isEqual(candidate, leader)) continue;
        group.push(index);
        total += weightOf(candidate);
      }
      if (group.length === 1) {
        return { type: 'not-applicable', reason: `no target is interchangeable with ${leader.target.id}` };
      }
      let pick = group[group.length - 1] as number;
      let threshold = context.random() * total;
      for (const index of group) {
        threshold -= weightOf(candidates[index] as Candidate);
        if (threshold < 0) {
          pick = index;
          break;
        }
      }
      const chosen = candidates[pick] as Candidate;
      const reason = `${chosen.target.id} first of ${group.length} equal targets (${leader.model}, tier ${leader.target.tier})`;
      if (pick === 0) return { type: 'ranked', candidates, reason };
      const ordered = [chosen];
      for (let index = 0; index < candidates.length; index++) {
        if (index !== pick) ordered.push(candidates[index] as Candidate);
      }
      return { type: 'ranked', candidates: ordered, reason };
    },
  };
}
