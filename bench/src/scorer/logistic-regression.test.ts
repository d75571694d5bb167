import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../workload/seeded-random.js';
import { trainLogisticRegression } from './logistic-regression.js';
import type { TrainingExample } from './training-example.js';

/** Feature 1 means "hard" (label 1 with probability 0.9), feature 2 "easy" (0.1); feature 3 is noise. */
function examples(count: number): TrainingExample[] {
  const random = createSeededRandom(5);
  return Array.from({ length: count }, (_, index) => {
    const hard = index % 2 === 0;
    const label = random.chance(hard ? 0.9 : 0.1) ? 1 : 0;
    const indices = random.chance(0.5) ? [hard ? 1 : 2, 3] : [hard ? 1 : 2];
    return {
      indices: Int32Array.from(indices),
      values: Float64Array.from(indices.map(() => 1)),
      label,
      weight: 1,
    };
  });
}

describe('trainLogisticRegression', () => {
  const data = examples(400);

  it('lowers the loss at every iteration and learns the right signs', () => {
    const model = trainLogisticRegression(data, { l2: 1e-3 });
    const losses = model.lossHistory;
    expect(losses[0]).toBeCloseTo(Math.log(2), 6);
    for (let index = 1; index < losses.length; index++)
      expect(losses[index]).toBeLessThan(losses[index - 1] as number);
    expect(losses.at(-1)).toBeLessThan(0.4);
    expect(model.weights.get(1)).toBeGreaterThan(1);
    expect(model.weights.get(2)).toBeLessThan(-1);
    expect(Math.abs(model.weights.get(3) ?? 0)).toBeLessThan(0.5);
  });

  it('reaches the known optimum of a one-feature problem', () => {
    // p = 0.75 for feature 1 with no penalty: the weight is log(3) (the bias is pinned by feature 2).
    const single: TrainingExample[] = [1, 1, 1, 0].map((label) => ({
      indices: Int32Array.of(1),
      values: Float64Array.of(1),
      label,
      weight: 1,
    }));
    const model = trainLogisticRegression(single, { l2: 0, maxIterations: 500, tolerance: 1e-14 });
    expect(model.bias + (model.weights.get(1) ?? 0)).toBeCloseTo(Math.log(3), 4);
  });

  it('shrinks weights as the penalty grows, and fits soft labels', () => {
    const loose = trainLogisticRegression(data, { l2: 1e-4 });
    const tight = trainLogisticRegression(data, { l2: 1e-1 });
    expect(Math.abs(tight.weights.get(1) ?? 0)).toBeLessThan(Math.abs(loose.weights.get(1) ?? 0));
    const soft = trainLogisticRegression(
      data.map((example) => ({ ...example, label: example.label * 0.5 })),
      { l2: 1e-3 },
    );
    expect(soft.weights.get(1) ?? 0).toBeLessThan(loose.weights.get(1) ?? 0);
  });

  it('gives weights only to allowed buckets', () => {
    const model = trainLogisticRegression(data, { l2: 1e-3, allowed: new Set([1]) });
    expect([...model.weights.keys()]).toEqual([1]);
  });

  it('refuses an empty training set', () => {
    expect(() => trainLogisticRegression([], { l2: 1e-3 })).toThrow('cannot train on an empty');
  });
});
