import { describe, expect, test } from 'vitest';
import type { TargetPrice } from '../spec/target.js';
import { estimateCostUsd } from './estimate-cost-usd.js';

describe('estimateCostUsd', () => {
  test.each<[string, TargetPrice, number, number, number]>([
    ['per-token', { type: 'per-token', inputPerMillionUsd: 2.5, outputPerMillionUsd: 10 }, 1000, 500, 0.0075],
    [
      'per-token ignores the cached rate (nothing is known to be cached beforehand)',
      { type: 'per-token', inputPerMillionUsd: 2.5, cachedInputPerMillionUsd: 0.1, outputPerMillionUsd: 10 },
      1000,
      500,
      0.0075,
    ],
    // 1000/1000 + 500/50 = 11 s at $0.72/h
    [
      'gpu-hourly with its own speed',
      { type: 'gpu-hourly', gpuHourlyUsd: 0.72, expectedOutputTokensPerSecond: 50 },
      1000,
      500,
      0.0022,
    ],
    // 2000/1000 + 300/30 = 12 s at $3.60/h
    ['gpu-hourly with the default speeds', { type: 'gpu-hourly', gpuHourlyUsd: 3.6 }, 2000, 300, 0.012],
    [
      'gpu-hourly with its own prompt speed',
      { type: 'gpu-hourly', gpuHourlyUsd: 3.6, expectedPromptTokensPerSecond: 500 },
      2000,
      300,
      0.014,
    ],
  ])('%s', (_name, price, prompt, output, expected) => {
    expect(estimateCostUsd({ price }, prompt, output)).toBeCloseTo(expected, 12);
  });

  test('says unknown, not zero, without a price', () => {
    expect(estimateCostUsd({}, 1000, 500)).toBeUndefined();
  });
});
