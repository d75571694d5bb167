import { profileRequest } from '@switchyard/core';
import { learnedScorerPolicy, scorerWeightsSchema } from '@switchyard/policies';
import { describe, expect, it } from 'vitest';
import { syntheticRows } from '../quality/__fixtures__/synthetic-rows.js';
import { selectPairRows } from '../quality/bench-row.js';
import { toLabeledRow } from '../quality/labeled-row.js';
import { averagePerformanceGapRecovered, sweepCurve } from '../quality/quality-curve.js';
import { rowRequest } from '../quality/row-request.js';
import { normalizeScore, scoreScale } from '../quality/score-scale.js';
import { assignFolds, foldGroupOf } from './assign-folds.js';
import { difficultyLabel } from './difficulty-label.js';
import { rowFeatures } from './featurize-row.js';
import { outOfFoldScores } from './out-of-fold-scores.js';
import {
  defaultScorerTrainingOptions,
  sourceWeights,
  trainDifficultyScorer,
} from './train-difficulty-scorer.js';

const rows = selectPairRows(syntheticRows(160).map((row, index) => toLabeledRow(row, `row ${index}`))).rows;
const options = { ...defaultScorerTrainingOptions, maxWeights: 100 };
const features = rows.map((row) => rowFeatures(row.row, options.features));

describe('difficultyLabel', () => {
  it.each([
    { weak: 0, strong: 1, scoreType: 'binary_correct', label: 1 },
    { weak: 1, strong: 1, scoreType: 'binary_correct', label: 0 },
    { weak: 1, strong: 0, scoreType: 'binary_correct', label: 0 },
    { weak: 8, strong: 9, scoreType: 'gpt4_judge_1_10', label: 1 / 4.5 },
    { weak: 2, strong: 9, scoreType: 'gpt4_judge_1_10', label: 1 },
  ])('$scoreType $weak → $strong gives $label', ({ weak, strong, scoreType, label }) => {
    const row = { weak, strong, row: { scoreType } } as Parameters<typeof difficultyLabel>[0];
    expect(difficultyLabel(row)).toBeCloseTo(label, 12);
  });

  it('can use a hard margin instead', () => {
    const row = { weak: 8, strong: 9, row: { scoreType: 'gpt4_judge_1_10' } } as Parameters<
      typeof difficultyLabel
    >[0];
    expect(difficultyLabel(row, { margin: 0.1 })).toBe(1);
    expect(difficultyLabel(row, { margin: 0.2 })).toBe(0);
  });
});

describe('trainDifficultyScorer', () => {
  const trained = trainDifficultyScorer(rows, features, options);

  it('reduces the training loss, before and after pruning', () => {
    expect(trained.lossHistory.at(-1)).toBeLessThan((trained.lossHistory[0] as number) * 0.5);
    expect(trained.refitLossHistory.at(-1)).toBeLessThan(trained.refitLossHistory[0] as number);
  });

  it('writes a small weights file the policy accepts, pruned to maxWeights', () => {
    expect(scorerWeightsSchema.safeParse(trained.weights).success).toBe(true);
    expect(trained.weights.indices.length).toBeLessThanOrEqual(100);
    expect(trained.weights.training?.weightsBeforePruning).toBeGreaterThan(200);
    expect(JSON.stringify(trained.weights).length).toBeLessThan(200_000);
  });

  it('makes the policy route as the weights say: advanced topics to the cloud, everyday ones local', () => {
    const policy = learnedScorerPolicy({ weights: trained.weights });
    const score = (text: string) => {
      const request = rowRequest({ prompt: text, contextTurns: [] });
      return policy.scorer.score(request, profileRequest(request));
    };
    expect(score('Tell me about a Galois extension (item 7) in one short paragraph.')).toBeGreaterThan(0.6);
    expect(score('Tell me about a friendly dog (item 8) in one short paragraph.')).toBeLessThan(0.3);
  });

  it('ranks held-out rows almost as well as the oracle (cross-validated)', () => {
    const { scores } = outOfFoldScores(rows, features, assignFolds(rows, 4), options);
    const curveRows = rows.map((row) => {
      const scale = scoreScale(row.row.scoreType);
      return {
        weak: normalizeScore(row.weak, scale),
        strong: normalizeScore(row.strong, scale),
        weakCostUsd: 0,
        strongCostUsd: 0,
      };
    });
    const apgr = averagePerformanceGapRecovered(sweepCurve(curveRows, { scores: [...scores] })) as number;
    const oracle = averagePerformanceGapRecovered(
      sweepCurve(curveRows, { scores: curveRows.map((row) => row.strong - row.weak) }),
    ) as number;
    const random = averagePerformanceGapRecovered(
      sweepCurve(curveRows, { scores: curveRows.map((_, index) => (index * 7919) % 160) }),
    ) as number;
    expect(apgr).toBeGreaterThan(0.9 * oracle);
    expect(apgr).toBeGreaterThan(random + 0.15);
  });

  it('evens out sources by the balance setting', () => {
    const mixed = rows
      .slice(0, 40)
      .map((row, index) => ({ ...row, row: { ...row.row, source: index < 10 ? 'small' : 'big' } }));
    const total = (weights: number[], source: string) =>
      mixed.reduce(
        (sum, row, index) => sum + (row.row.source === source ? (weights[index] as number) : 0),
        0,
      );
    const even = sourceWeights(mixed, 1);
    expect(total(even, 'small')).toBeCloseTo(total(even, 'big'), 9);
    expect(total(even, 'small') + total(even, 'big')).toBeCloseTo(40, 9);
    expect(sourceWeights(mixed, 0).every((weight) => weight === 1)).toBe(true);
  });
});

describe('assignFolds', () => {
  it('keeps the turns of one conversation together and is the same on every run', () => {
    const turns = rows.slice(0, 4).map((row, index) => ({
      ...row,
      row: { ...row.row, source: 'chat', id: `mtbench-9-t${(index % 2) + 1}` },
    }));
    expect(foldGroupOf(turns[0] as (typeof turns)[number])).toBe(
      foldGroupOf(turns[1] as (typeof turns)[number]),
    );
    const folds = assignFolds([...turns, ...rows], 5);
    expect(new Set(folds.slice(0, 4)).size).toBe(1);
    expect(assignFolds([...turns, ...rows], 5)).toEqual(folds);
    expect(new Set(folds)).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it('refuses fewer than two folds', () => {
    expect(() => assignFolds(rows, 1)).toThrow('folds must be an integer ≥ 2');
  });
});
