import type { Candidate, PolicyDecision, RequestProfile, RoutingPolicyV1 } from '@switchyard/core';
import { filterCandidates } from '../candidates/filter-candidates.js';
import { orderByRank } from '../candidates/order-by-rank.js';
import { parsePolicyOptions } from '../parse-policy-options.js';
import { type QuantizationOptions, quantizationOptionsSchema } from './quantization-options.js';
import { quantizationRank } from './quantization-rank.js';

const locked: PolicyDecision = { type: 'not-applicable', reason: 'route already decided; order locked' };

/**
 * Why a request needs precision — a strict schema, a multi-step tool chain or a complex task —
 * or undefined for routine work.
 */
function precisionNeedOf(profile: RequestProfile): string | undefined {
  const needs: string[] = [];
  if (profile.structuredOutput.mode === 'json_schema') needs.push('json_schema');
  if (profile.toolChainDepth >= 2) needs.push(`chain depth ${profile.toolChainDepth}`);
  if (profile.complexity === 'complex') needs.push('complex task');
  return needs.length === 0 ? undefined : needs.join(', ');
}

/**
 * `quantization`: quantization-aware selection among local targets.
 *
 * - With `memoryBudgetGb`, local targets whose `memoryGb` exceeds the budget are dropped.
 * - When precision matters (a `json_schema` response, a tool chain 2+ rounds deep, or a complex
 *   task), local targets are ordered by precision, highest first (fp32 > bf16/fp16 > fp8/Q8_0 >
 *   Q6_K > Q5_K_M > Q5_K_S > Q5_0 > Q4_K_M > Q4_K_S > Q4_0 > AWQ/GPTQ > Q3 > Q2).
 * - Otherwise local targets nearest the `routine` quantization (default Q4_K_M) come first; at
 *   equal distance the lower-bit (cheaper) one wins.
 *
 * The sort is stable and happens in place among the local targets with a known quantization:
 * cloud targets, and local ones with a null or unknown quantization, keep their positions.
 *
 * @example
 * const policy = quantizationPolicy({ memoryBudgetGb: 48, routine: 'Q4_K_M' });
 */
export function quantizationPolicy(options?: QuantizationOptions): RoutingPolicyV1 {
  const { memoryBudgetGb, routine } = parsePolicyOptions('quantization', quantizationOptionsSchema, options);
  const routineRank = quantizationRank(routine) as number;
  const overBudget = (candidate: Candidate): string | undefined => {
    const { target } = candidate;
    if (memoryBudgetGb === undefined || target.locality !== 'local' || target.memoryGb === undefined) {
      return undefined;
    }
    return target.memoryGb > memoryBudgetGb
      ? `needs ${target.memoryGb} GB > budget ${memoryBudgetGb} GB`
      : undefined;
  };

  return {
    specificationVersion: 'v1',
    name: 'quantization',
    decide({ profile, candidates, locked: isLocked }) {
      const { kept, dropped } =
        memoryBudgetGb === undefined
          ? { kept: candidates, dropped: [] }
          : filterCandidates(candidates, overBudget);
      if (kept.length === 0) {
        return { type: 'rejected', reason: `no target fits the ${memoryBudgetGb} GB memory budget`, dropped };
      }
      const budgetText =
        dropped.length === 0 ? '' : `dropped ${dropped.length} local targets over ${memoryBudgetGb} GB; `;
      if (isLocked) {
        if (memoryBudgetGb === undefined) return locked;
        return { type: 'ranked', candidates: kept, reason: `${budgetText}order locked`, dropped };
      }

      const precisionNeed = precisionNeedOf(profile);
      const slots: number[] = [];
      const keys: number[] = [];
      for (let index = 0; index < kept.length; index++) {
        const { target } = kept[index] as Candidate;
        if (target.locality !== 'local') continue;
        const rank = quantizationRank(target.quantization);
        if (rank === undefined) continue;
        slots.push(index);
        keys.push(
          precisionNeed !== undefined
            ? rank
            : Math.abs(rank - routineRank) * 2 + (rank < routineRank ? 1 : 0),
        );
      }
      const ordered = reorderSlots(kept, slots, keys);
      const preference =
        precisionNeed !== undefined
          ? `precision matters (${precisionNeed}): higher-precision local quantization first`
          : `routine request: local quantization nearest ${routine} first`;
      return { type: 'ranked', candidates: ordered, reason: budgetText + preference, dropped };
    },
  };
}

/** Sorts the candidates at `slots` by `keys` (stable) and puts them back into the same slots. */
function reorderSlots(candidates: readonly Candidate[], slots: readonly number[], keys: readonly number[]) {
  if (slots.length < 2) return candidates;
  const inSlots = slots.map((slot) => candidates[slot] as Candidate);
  const sorted = orderByRank(inSlots, keys);
  if (sorted === inSlots) return candidates;
  const out = candidates.slice();
  for (let index = 0; index < slots.length; index++) out[slots[index] as number] = sorted[index] as Candidate;
  return out;
}
