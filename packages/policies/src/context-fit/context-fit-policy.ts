import type { RequestProfile, RoutingPolicyV1 } from '@switchyard/core';
import { filterCandidates } from '../candidates/filter-candidates.js';
import { parsePolicyOptions } from '../parse-policy-options.js';
import {
  type ContextFitOptions,
  contextFitOptionsSchema,
  type ResolvedContextFitOptions,
} from './context-fit-options.js';

/** The token need of one request, as {@link contextNeedOf} computes it. */
export type ContextNeed = {
  readonly promptTokens: number;
  /** `maxOutputTokens` when the request sets it, else the expected output. */
  readonly outputTokens: number;
  readonly marginTokens: number;
  /** prompt + output + margin: the smallest context window that can serve the request. */
  readonly totalTokens: number;
};

/**
 * Tokens a request needs in a target's window: prompt + output (the request's cap, else the
 * expected output) + `marginTokens` + `marginRatio` × prompt.
 *
 * @example
 * contextNeedOf(profile, { marginTokens: 256, marginRatio: 0.05, maxLocalContextTokens: 24_000 }).totalTokens;
 */
export function contextNeedOf(profile: RequestProfile, options: ResolvedContextFitOptions): ContextNeed {
  const promptTokens = profile.promptTokens;
  const outputTokens = profile.maxOutputTokens ?? profile.expectedOutputTokens;
  const marginTokens = options.marginTokens + Math.ceil(promptTokens * options.marginRatio);
  return {
    promptTokens,
    outputTokens,
    marginTokens,
    totalTokens: promptTokens + outputTokens + marginTokens,
  };
}

/**
 * `context-fit`: drops targets whose context window cannot hold the request (prompt + output +
 * margin), local targets whose practical ceiling (`maxLocalContextTokens`) the prompt exceeds, and
 * targets whose own output cap is below the request's `max_tokens`. Every dropped target gets a
 * reason with the numbers (`window 8192 < needed 30500`). Nothing fits → rejected.
 *
 * @example
 * const policy = contextFitPolicy({ maxLocalContextTokens: 16_000 });
 */
export function contextFitPolicy(options?: ContextFitOptions): RoutingPolicyV1 {
  const resolved = parsePolicyOptions('context-fit', contextFitOptionsSchema, options);
  const localCeiling = resolved.maxLocalContextTokens;
  return {
    specificationVersion: 'v1',
    name: 'context-fit',
    decide({ profile, candidates }) {
      const need = contextNeedOf(profile, resolved);
      const needed = need.totalTokens;
      const prompt = need.promptTokens;
      const requestedOutput = profile.maxOutputTokens;
      const { kept, dropped } = filterCandidates(candidates, ({ target }) => {
        const window = target.capabilities.contextWindow;
        if (window < needed) return `window ${window} < needed ${needed}`;
        if (localCeiling !== null && target.locality === 'local' && prompt > localCeiling) {
          return `prompt ${prompt} > local ceiling ${localCeiling}`;
        }
        const outputCap = target.capabilities.maxOutputTokens;
        if (requestedOutput !== undefined && outputCap !== undefined && requestedOutput > outputCap) {
          return `max output ${outputCap} < requested ${requestedOutput}`;
        }
        return undefined;
      });
      const sum = `prompt ${prompt} + output ${need.outputTokens} + margin ${need.marginTokens}`;
      if (kept.length === 0) {
        return { type: 'rejected', reason: `no target fits ${needed} tokens (${sum})`, dropped };
      }
      const reason =
        kept === candidates
          ? `all ${kept.length} targets fit ${needed} tokens (${sum})`
          : `kept ${kept.length} of ${candidates.length} targets fitting ${needed} tokens (${sum})`;
      return { type: 'ranked', candidates: kept, reason, dropped };
    },
  };
}
