import { describe, expect, test } from 'vitest';
import { nearestRankPercentile } from './nearest-rank-percentile.js';

const oneToTwenty = Array.from({ length: 20 }, (_, index) => 20 - index);

describe('nearestRankPercentile', () => {
  test.each<[string, number[], number, number | null]>([
    ['no values', [], 50, null],
    ['one value', [7], 95, 7],
    ['p50 of an even count is the lower middle', [4, 1, 3, 2], 50, 2],
    ['p50 of an odd count is the middle', [5, 1, 3], 50, 3],
    ['p95 of 20 values is the 19th', oneToTwenty, 95, 19],
    ['p95 of 21 values is the 20th', [...oneToTwenty, 21], 95, 20],
    ['p100 is the largest', [3, 9, 1], 100, 9],
    ['one slow call dominates a small sample', [120, 80, 3000, 95], 95, 3000],
  ])('%s', (_name, values, percent, expected) => {
    expect(nearestRankPercentile(values, percent)).toBe(expected);
  });

  test('rejects a percent outside (0, 100]', () => {
    expect(() => nearestRankPercentile([1], 0)).toThrow('percentile must be in (0, 100], got 0');
    expect(() => nearestRankPercentile([1], 101)).toThrow(RangeError);
  });
});
