import { describe, expect, it } from 'vitest';
import { normalizeScore, observedScales, scoreScale } from './score-scale.js';

describe('scoreScale', () => {
  it.each([
    ['binary_correct', { min: 0, max: 1 }],
    ['gpt4_judge_1_10', { min: 1, max: 10 }],
    ['gpt4_judge_1_10_with_reference', { min: 1, max: 10 }],
    ['claude_judge_1_10', { min: 1, max: 10 }],
  ])('%s has a known scale', (type, scale) => {
    expect(scoreScale(type, { min: 0, max: 100 })).toEqual(scale);
  });

  it('uses the observed range for other types, else 0–1', () => {
    const scales = observedScales([
      { row: { scoreType: 'percent' }, weak: 40, strong: 90 },
      { row: { scoreType: 'percent' }, weak: 10, strong: 70 },
    ]);
    expect(scoreScale('percent', scales.get('percent'))).toEqual({ min: 10, max: 90 });
    expect(scoreScale('percent')).toEqual({ min: 0, max: 1 });
    expect(normalizeScore(7, scoreScale('gpt4_judge_1_10'))).toBeCloseTo(2 / 3, 12);
  });
});
