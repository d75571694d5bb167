import { isAbsolute, resolve } from 'node:path';
import type { Candidate, PolicyDecision, RoutingPolicyV1 } from '@switchyard/core';
import { orderByRank } from '../candidates/order-by-rank.js';
import { parsePolicyOptions } from '../parse-policy-options.js';
import { createDifficultyScorer, type DifficultyScorer } from './create-difficulty-scorer.js';
import { type LearnedScorerOptions, learnedScorerOptionsSchema } from './learned-scorer-options.js';
import { loadScorerWeights, parseScorerWeights } from './load-scorer-weights.js';

/** Cut-off used when neither the options nor the weights file name one. */
export const DEFAULT_SCORER_THRESHOLD = 0.5;

/** The `learned-scorer` policy, with its scorer and cut-off exposed (the quality bench sweeps them). */
export type LearnedScorerPolicy = RoutingPolicyV1 & {
  readonly scorer: DifficultyScorer;
  readonly threshold: number;
};

/** Where relative paths in the options are resolved. */
export type LearnedScorerEnvironment = {
  /** The config file's folder; default: the working directory. */
  readonly baseDirectory?: string;
};

const locked: PolicyDecision = { type: 'not-applicable', reason: 'route already decided; order locked' };
const explicitTier: PolicyDecision = {
  type: 'not-applicable',
  reason: 'an explicit tier was asked for (hint or prompt tag); left to tiering',
};

/** Targets that count as "strong": cloud, or tier 3. */
function isStrongSide(candidate: Candidate): boolean {
  return candidate.target.locality === 'cloud' || candidate.target.tier === 3;
}

/**
 * The routing behaviour of `learned-scorer` for a compiled scorer and any cut-off (the bench uses
 * 0 and `Infinity` to force either side): probability ≥ `threshold` → cloud/tier-3 targets first,
 * else local targets first; a stable partition that never drops a target.
 *
 * @example
 * const alwaysCloudFirst = scorerRoutingPolicy(scorer, 0);
 */
export function scorerRoutingPolicy(scorer: DifficultyScorer, threshold: number): LearnedScorerPolicy {
  return {
    specificationVersion: 'v1',
    name: 'learned-scorer',
    scorer,
    threshold,
    decide({ request, profile, candidates, locked: isLocked }) {
      if (isLocked) return locked;
      if (profile.requestedTier !== undefined || profile.tierTag !== undefined) return explicitTier;
      const probability = scorer.score(request, profile);
      const strong = probability >= threshold;
      const ranks: number[] = new Array(candidates.length);
      let wanted = 0;
      for (let index = 0; index < candidates.length; index++) {
        const onStrongSide = isStrongSide(candidates[index] as Candidate);
        const rank = onStrongSide === strong ? 0 : 1;
        ranks[index] = rank;
        if (rank === 0) wanted++;
      }
      const side = strong ? 'cloud' : 'local';
      const comparison = `difficulty ${probability.toFixed(3)} ${strong ? '≥' : '<'} ${threshold}`;
      const reason =
        wanted === 0 ? `${comparison}: no ${side} target; order kept` : `${comparison}: ${side} first`;
      return { type: 'ranked', candidates: orderByRank(candidates, ranks), reason };
    },
  };
}

/**
 * `learned-scorer`: a small logistic regression over hashed word/character n-grams of the user
 * text and request-profile features predicts the probability that a strong (cloud) model answers
 * meaningfully better than a weak (local) one. At or above `threshold` the cloud and tier-3 targets
 * go first, below it the local ones (stable, never drops a target). In-process and synchronous:
 * a few microseconds per request, no network, no embeddings. Stays out of a locked route and of
 * requests that ask for a tier explicitly. Weights come from `weightsPath` (a JSON file written by
 * `switchyard bench tune`) or inline `weights`; construction reads the file once.
 *
 * @example
 * const policy = learnedScorerPolicy({ weightsPath: 'scorer/difficulty.json', threshold: 0.4 });
 */
export function learnedScorerPolicy(
  options?: LearnedScorerOptions,
  environment: LearnedScorerEnvironment = {},
): LearnedScorerPolicy {
  const resolved = parsePolicyOptions('learned-scorer', learnedScorerOptionsSchema, options);
  let weights: ReturnType<typeof parseScorerWeights>;
  if (resolved.weightsPath !== undefined) {
    const path = isAbsolute(resolved.weightsPath)
      ? resolved.weightsPath
      : resolve(environment.baseDirectory ?? process.cwd(), resolved.weightsPath);
    weights = loadScorerWeights(path);
  } else {
    weights = parseScorerWeights(resolved.weights, 'options.weights.');
  }
  const scorer = createDifficultyScorer(weights);
  return scorerRoutingPolicy(
    scorer,
    resolved.threshold ?? scorer.recommendedThreshold ?? DEFAULT_SCORER_THRESHOLD,
  );
}
