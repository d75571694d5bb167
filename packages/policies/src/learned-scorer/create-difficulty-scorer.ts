import type { ChatRequest, RequestProfile } from '@switchyard/core';
import { extractScorerFeatures, type ScorerFeatureSettings } from './extract-scorer-features.js';
import type { ScorerWeights } from './scorer-weights.js';

/** A compiled difficulty scorer: weights in a flat table, scoring in one pass over the text. */
export type DifficultyScorer = {
  readonly settings: ScorerFeatureSettings;
  /** The cut-off the weights file recommends, if it names one. */
  readonly recommendedThreshold: number | undefined;
  /** Number of non-zero weights. */
  readonly weightCount: number;
  /** Log-odds that the strong model is needed. */
  logit(request: ChatRequest, profile: RequestProfile): number;
  /** Probability (0–1) that the strong model is meaningfully better than the weak one. */
  score(request: ChatRequest, profile: RequestProfile): number;
};

/**
 * Compiles validated weights into a scorer: the sparse weights are spread into a table of
 * 2^hashBits numbers, so each feature costs one array read. No I/O, no network.
 *
 * @example
 * const scorer = createDifficultyScorer(weights);
 * scorer.score(request, profileRequest(request)); // 0.83
 */
export function createDifficultyScorer(weights: ScorerWeights): DifficultyScorer {
  const settings = weights.features;
  const table = new Float64Array(2 ** settings.hashBits);
  let weightCount = 0;
  for (let position = 0; position < weights.indices.length; position++) {
    const index = weights.indices[position] as number;
    const value = weights.values[position] as number;
    if (table[index] === 0 && value !== 0) weightCount++;
    table[index] = (table[index] as number) + value;
  }
  const bias = weights.bias;
  const logit = (request: ChatRequest, profile: RequestProfile): number => {
    let sum = bias;
    extractScorerFeatures(request, profile, settings, (index, value) => {
      sum += (table[index] as number) * value;
    });
    return sum;
  };
  return {
    settings,
    recommendedThreshold: weights.threshold,
    weightCount,
    logit,
    score: (request, profile) => 1 / (1 + Math.exp(-logit(request, profile))),
  };
}
