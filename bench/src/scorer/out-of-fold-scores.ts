import type { BenchRow } from '../quality/bench-row.js';
import type { RowFeatures } from './featurize-row.js';
import {
  type ScorerTrainingOptions,
  scoreFeatures,
  type TrainedScorer,
  trainDifficultyScorer,
  weightTable,
} from './train-difficulty-scorer.js';

/** Scores of every row from a model that never saw it, and the per-fold models. */
export type OutOfFoldScores = {
  readonly scores: Float64Array;
  readonly models: readonly TrainedScorer[];
};

/**
 * Cross-validated scores: for each fold, trains on the other folds and scores the held-out rows,
 * so every score comes from a model that did not train on that row.
 *
 * @example
 * const { scores } = outOfFoldScores(rows, features, assignFolds(rows, 5), defaultScorerTrainingOptions);
 */
export function outOfFoldScores(
  rows: readonly BenchRow[],
  features: readonly RowFeatures[],
  foldOf: readonly number[],
  options: ScorerTrainingOptions,
  onFold?: (fold: number, folds: number) => void,
): OutOfFoldScores {
  const folds = Math.max(...foldOf) + 1;
  const scores = new Float64Array(rows.length);
  const models: TrainedScorer[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const trainIndices = rows.map((_, index) => index).filter((index) => foldOf[index] !== fold);
    const model = trainDifficultyScorer(
      trainIndices.map((index) => rows[index] as BenchRow),
      trainIndices.map((index) => features[index] as RowFeatures),
      options,
    );
    models.push(model);
    const table = weightTable(model.weights);
    rows.forEach((_, index) => {
      if (foldOf[index] === fold) {
        scores[index] = scoreFeatures(table, model.weights.bias, features[index] as RowFeatures);
      }
    });
    onFold?.(fold + 1, folds);
  }
  return { scores, models };
}
