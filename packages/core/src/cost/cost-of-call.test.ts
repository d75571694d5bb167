import { describe, expect, test } from 'vitest';
import type { NormalizedUsage } from '../spec/backend.js';
import type { TargetPrice } from '../spec/target.js';
import { type CallCost, costOfCall } from './cost-of-call.js';

const usage = (
  inputTokens: number,
  outputTokens: number,
  extra: Partial<NormalizedUsage> = {},
): NormalizedUsage => ({ inputTokens, outputTokens, cachedInputTokens: 0, reasoningTokens: 0, ...extra });

const gpt4o: TargetPrice = {
  type: 'per-token',
  inputPerMillionUsd: 2.5,
  cachedInputPerMillionUsd: 1.25,
  outputPerMillionUsd: 10,
};
const noCacheRate: TargetPrice = { type: 'per-token', inputPerMillionUsd: 2.5, outputPerMillionUsd: 10 };
const gpu: TargetPrice = { type: 'gpu-hourly', gpuHourlyUsd: 0.72 };

describe('costOfCall', () => {
  test.each<[string, TargetPrice | undefined, NormalizedUsage | undefined, number, CallCost]>([
    ['per-token', gpt4o, usage(1000, 500), 900, { usd: 0.0075, basis: 'per-token' }],
    // (1000 − 400) × 2.5 + 400 × 1.25 + 500 × 10 = 1500 + 500 + 5000 per 1M
    [
      'cached input at its own price',
      gpt4o,
      usage(1000, 500, { cachedInputTokens: 400 }),
      900,
      {
        usd: 0.007,
        basis: 'per-token',
      },
    ],
    [
      'cached input at the input price when none is set',
      noCacheRate,
      usage(1000, 500, {
        cachedInputTokens: 400,
      }),
      900,
      { usd: 0.0075, basis: 'per-token' },
    ],
    [
      'reasoning tokens are part of the output, not billed twice',
      noCacheRate,
      usage(1000, 500, {
        reasoningTokens: 300,
      }),
      900,
      { usd: 0.0075, basis: 'per-token' },
    ],
    ['a failed cloud call without usage costs 0', gpt4o, undefined, 3000, { usd: 0, basis: 'per-token' }],
    // 0.72 $/h × 5 s = 0.001 $
    ['gpu-hourly × busy time', gpu, usage(1000, 500), 5000, { usd: 0.001, basis: 'gpu-hourly' }],
    ['gpu-hourly ignores the token counts', gpu, usage(1, 1), 5000, { usd: 0.001, basis: 'gpu-hourly' }],
    ['a failed local call still used the GPU', gpu, undefined, 10_000, { usd: 0.002, basis: 'gpu-hourly' }],
    ['negative busy time counts as none', gpu, undefined, -5, { usd: 0, basis: 'gpu-hourly' }],
    [
      'provider-reported cost wins over the price',
      gpt4o,
      usage(1000, 500, { providerCostUsd: 0.0042 }),
      900,
      {
        usd: 0.0042,
        basis: 'provider-reported',
      },
    ],
    [
      'provider-reported cost of an unpriced target',
      undefined,
      usage(1000, 500, {
        providerCostUsd: 0.0001,
      }),
      900,
      { usd: 0.0001, basis: 'provider-reported' },
    ],
    ['no price is unpriced, not zero', undefined, usage(1000, 500), 900, { usd: null, basis: 'unpriced' }],
    ['no price and no usage is still unpriced', undefined, undefined, 900, { usd: null, basis: 'unpriced' }],
  ])('%s', (_name, price, callUsage, busyMs, expected) => {
    const cost = costOfCall(price === undefined ? {} : { price }, callUsage, busyMs);
    expect(cost.basis).toBe(expected.basis);
    if (expected.usd === null) expect(cost.usd).toBeNull();
    else expect(cost.usd).toBeCloseTo(expected.usd, 12);
  });

  test('an unknown target is unpriced', () => {
    expect(costOfCall(undefined, usage(10, 10), 10)).toEqual({ usd: null, basis: 'unpriced' });
  });
});
