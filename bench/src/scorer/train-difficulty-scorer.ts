import { SCORER_WEIGHTS_FORMAT, type ScorerFeatureSettings, type ScorerWeights } from '@switchyard/policies';
import type { BenchRow } from '../quality/bench-row.js';
import { observedScales } from '../quality/score-scale.js';
import { defaultLabelSettings, difficultyLabel, type LabelSettings } from './difficulty-label.js';
import type { RowFeatures } from './featurize-row.js';
import { trainLogisticRegression } from './logistic-regression.js';
import type { TrainingExample } from './training-example.js';

/** Settings of {@link trainDifficultyScorer}. */
export type ScorerTrainingOptions = {
  readonly features: ScorerFeatureSettings;
  readonly label: LabelSettings;
  /** L2 penalty (see `trainLogisticRegression`). */
  readonly l2: number;
  /** Weights kept after pruning (largest magnitude first); the model is refitted on them. */
  readonly maxWeights: number;
  /**
   * How much each source's rows are evened out: row weight ∝ (rows in its source)^−balance.
   * 0 = every row counts the same (the biggest source dominates), 1 = every source counts the same.
   */
  readonly sourceBalance: number;
  readonly maxIterations?: number;
};

/** Defaults chosen by cross-validation on routing/train.jsonl (see docs/bench.md). */
export const defaultScorerTrainingOptions: ScorerTrainingOptions = {
  features: { hashBits: 18, wordBigrams: true, charNgramLength: 4 },
  label: defaultLabelSettings,
  l2: 1e-3,
  maxWeights: 6000,
  sourceBalance: 0.5,
};

/** A trained scorer: its weights file content and how training went. */
export type TrainedScorer = {
  readonly weights: ScorerWeights;
  /** Training loss per L-BFGS iteration, before pruning. */
  readonly lossHistory: readonly number[];
  /** Training loss per iteration of the refit on the kept weights. */
  readonly refitLossHistory: readonly number[];
};

/**
 * Example weights that even out sources: a row of a source with n rows weighs n^−balance,
 * scaled so the mean weight is 1.
 *
 * @example
 * sourceWeights(rows, 1); // every source's rows sum to the same total
 */
export function sourceWeights(rows: readonly BenchRow[], balance: number): number[] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.row.source, (counts.get(row.row.source) ?? 0) + 1);
  const raw = rows.map((row) => (counts.get(row.row.source) as number) ** -balance);
  const mean = raw.reduce((sum, value) => sum + value, 0) / Math.max(raw.length, 1);
  return raw.map((value) => value / mean);
}

/** Keeps significant digits only: the weights file stays small and diffs stay readable. */
function rounded(value: number): number {
  return Number(value.toPrecision(5));
}

/**
 * Trains the difficulty scorer: labels each row (strong meaningfully better than weak?), fits an
 * L2 logistic regression on the rows' hashed features, keeps the `maxWeights` largest weights and
 * refits on those, and returns the weights in the policy's file format. `features[i]` must be the
 * features of `rows[i]`, computed with `options.features`.
 *
 * @example
 * const features = rows.map((row) => rowFeatures(row.row, defaultScorerTrainingOptions.features));
 * const { weights } = trainDifficultyScorer(rows, features, defaultScorerTrainingOptions);
 */
export function trainDifficultyScorer(
  rows: readonly BenchRow[],
  features: readonly RowFeatures[],
  options: ScorerTrainingOptions,
): TrainedScorer {
  if (rows.length !== features.length) {
    throw new Error(`trainDifficultyScorer: ${rows.length} rows but ${features.length} feature vectors`);
  }
  const weights = sourceWeights(rows, options.sourceBalance);
  const scales = observedScales(rows);
  const examples: TrainingExample[] = rows.map((row, index) => ({
    ...(features[index] as RowFeatures),
    label: difficultyLabel(row, options.label, scales.get(row.row.scoreType)),
    weight: weights[index] as number,
  }));
  const iterations = options.maxIterations === undefined ? {} : { maxIterations: options.maxIterations };
  const full = trainLogisticRegression(examples, { l2: options.l2, ...iterations });
  const kept = [...full.weights.entries()]
    .sort((left, right) => Math.abs(right[1]) - Math.abs(left[1]) || left[0] - right[0])
    .slice(0, options.maxWeights);
  const refit =
    kept.length < full.weights.size
      ? trainLogisticRegression(examples, {
          l2: options.l2,
          allowed: new Set(kept.map(([bucket]) => bucket)),
          ...iterations,
        })
      : full;
  const entries = [...refit.weights.entries()]
    .map(([bucket, value]) => [bucket, rounded(value)] as const)
    .filter(([, value]) => value !== 0)
    .sort((left, right) => left[0] - right[0]);
  const positives = examples.filter((example) => example.label > 0.5).length;
  return {
    weights: {
      format: SCORER_WEIGHTS_FORMAT,
      version: 1,
      features: { ...options.features },
      bias: rounded(refit.bias),
      indices: entries.map(([bucket]) => bucket),
      values: entries.map(([, value]) => value),
      training: {
        rows: rows.length,
        positives,
        label: { ...options.label },
        l2: options.l2,
        sourceBalance: options.sourceBalance,
        weightsBeforePruning: full.weights.size,
      },
    },
    lossHistory: full.lossHistory,
    refitLossHistory: refit.lossHistory,
  };
}

/**
 * The scorer's probability for one row from its precomputed features (the same sum the policy
 * computes from the request).
 *
 * @example
 * const probability = scoreFeatures(weightTable, weights.bias, features);
 */
export function scoreFeatures(
  table: ReadonlyMap<number, number>,
  bias: number,
  features: RowFeatures,
): number {
  let logit = bias;
  for (let position = 0; position < features.indices.length; position++) {
    logit += (table.get(features.indices[position] as number) ?? 0) * (features.values[position] as number);
  }
  return 1 / (1 + Math.exp(-logit));
}

/**
 * The sparse weights of a weights file as a bucket → weight map.
 *
 * @example
 * const table = weightTable(weights);
 */
export function weightTable(weights: Pick<ScorerWeights, 'indices' | 'values'>): Map<number, number> {
  const table = new Map<number, number>();
  weights.indices.forEach((bucket, position) => {
    table.set(bucket, (table.get(bucket) ?? 0) + (weights.values[position] as number));
  });
  return table;
}
