import { describe, expect, test } from 'vitest';
import type { NormalizedUsage } from '../spec/backend.js';
import { baselineCostUsd } from './baseline-cost-usd.js';
import type { PerTokenPrice } from './per-token-price.js';

const baseline: PerTokenPrice = {
  type: 'per-token',
  inputPerMillionUsd: 2.5,
  cachedInputPerMillionUsd: 1.25,
  outputPerMillionUsd: 10,
};

describe('baselineCostUsd', () => {
  test.each<[string, NormalizedUsage | undefined, number]>([
    [
      'the same tokens at the baseline price',
      { inputTokens: 2000, outputTokens: 100, cachedInputTokens: 0, reasoningTokens: 0 },
      0.006,
    ],
    [
      'cached tokens at the baseline cached rate',
      { inputTokens: 2000, outputTokens: 100, cachedInputTokens: 2000, reasoningTokens: 0 },
      0.0035,
    ],
    [
      'a provider-reported cost does not change the baseline',
      { inputTokens: 2000, outputTokens: 100, cachedInputTokens: 0, reasoningTokens: 0, providerCostUsd: 9 },
      0.006,
    ],
    ['nothing answered costs nothing at the baseline', undefined, 0],
  ])('%s', (_name, usage, expected) => {
    expect(baselineCostUsd(baseline, usage)).toBeCloseTo(expected, 12);
  });
});
