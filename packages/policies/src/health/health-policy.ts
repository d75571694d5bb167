import type { Candidate, DroppedCandidate, RoutingPolicyV1 } from '@switchyard/core';
import { orderByRank } from '../candidates/order-by-rank.js';
import { parsePolicyOptions } from '../parse-policy-options.js';
import { type HealthOptions, healthOptionsSchema } from './health-options.js';

/**
 * `health`: reads live state from `context.health`. Drops `unhealthy` and `circuit-open`
 * candidates, and moves `degraded` ones after healthy and `unknown` ones (stable). When every
 * candidate is down it rejects, listing each target's state. Once the route is locked it only
 * drops.
 *
 * @example
 * const router = createRouter({ targets, policies: [healthPolicy()], health: healthMonitor });
 */
export function healthPolicy(options?: HealthOptions): RoutingPolicyV1 {
  const { avoidDegraded } = parsePolicyOptions('health', healthOptionsSchema, options);
  return {
    specificationVersion: 'v1',
    name: 'health',
    decide({ candidates, context, locked }) {
      const ranks: number[] = [];
      let kept: Candidate[] | undefined;
      let dropped: DroppedCandidate[] | undefined;
      let degraded = 0;
      for (let index = 0; index < candidates.length; index++) {
        const candidate = candidates[index] as Candidate;
        const state = context.health.health(candidate.target.id);
        if (state === 'unhealthy' || state === 'circuit-open') {
          kept ??= candidates.slice(0, index);
          dropped ??= [];
          dropped.push({ target: candidate.target.id, reason: state });
          continue;
        }
        kept?.push(candidate);
        if (state === 'degraded') degraded++;
        ranks.push(state === 'degraded' && avoidDegraded ? 1 : 0);
      }
      const remaining = kept ?? candidates;
      if (remaining.length === 0) {
        const states = (dropped ?? []).map((entry) => `${entry.target} ${entry.reason}`).join(', ');
        return { type: 'rejected', reason: `every target is down: ${states}`, dropped: dropped ?? [] };
      }
      const ordered = locked ? remaining : orderByRank(remaining, ranks);
      const parts: string[] = [];
      if (dropped !== undefined) {
        parts.push(`dropped ${dropped.map((entry) => `${entry.target} (${entry.reason})`).join(', ')}`);
      }
      if (degraded > 0) parts.push(`${degraded} degraded${avoidDegraded && !locked ? ' last' : ''}`);
      const reason = parts.length === 0 ? `all ${remaining.length} targets usable` : parts.join('; ');
      return { type: 'ranked', candidates: ordered, reason, dropped: dropped ?? [] };
    },
  };
}
