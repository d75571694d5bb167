import type { RequestProfile, TargetPrice } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { decideWith, decideWithInput, idsOf } from '../__fixtures__/decide-with.js';
import { testTarget } from '../__fixtures__/test-target.js';
import type { CostOptions } from './cost-options.js';
import { costPolicy } from './cost-policy.js';
import { estimateCostUsd } from './estimate-cost-usd.js';

const perToken = (input: number, output: number): TargetPrice => ({
  type: 'per-token',
  inputPerMillionUsd: input,
  outputPerMillionUsd: output,
});

// With 1000 prompt and 500 output tokens:
const gpt4o = testTarget({ id: 'gpt-4o', locality: 'cloud', tier: 3, price: perToken(2.5, 10) }); // $0.0075
const mini = testTarget({ id: 'mini', locality: 'cloud', tier: 3, price: perToken(0.15, 0.6) }); // $0.00045
const unpriced = testTarget({ id: 'unpriced' });
// 1000/1000 + 500/50 = 11 s busy at $0.72/h → $0.0022
const localGpu = testTarget({
  id: 'local-gpu',
  price: { type: 'gpu-hourly', gpuHourlyUsd: 0.72, expectedOutputTokensPerSecond: 50 },
});
const claude = testTarget({ id: 'claude', locality: 'cloud', tier: 3, price: perToken(3, 15) }); // $0.0105
const targets = [gpt4o, unpriced, mini, localGpu, claude];

const profile: Partial<RequestProfile> = { promptTokens: 1000, expectedOutputTokens: 500 };

describe('estimateCostUsd', () => {
  it.each([
    ['per-token', gpt4o, 1000, 500, 0.0075],
    ['per-token, cheap', mini, 1000, 500, 0.00045],
    ['gpu-hourly with its own speed', localGpu, 1000, 500, 0.0022],
    [
      'gpu-hourly with default speeds (1000 prompt tok/s, 30 output tok/s)',
      testTarget({ id: 'gpu', price: { type: 'gpu-hourly', gpuHourlyUsd: 3.6 } }),
      2000,
      300,
      0.012,
    ],
  ])('%s', (_name, target, prompt, output, expected) => {
    expect(estimateCostUsd(target, prompt, output)).toBeCloseTo(expected, 10);
  });

  it('says unknown, not zero, without a price', () => {
    expect(estimateCostUsd(unpriced, 1000, 500)).toBeUndefined();
  });
});

describe('costPolicy', () => {
  it.each<{
    name: string;
    options?: CostOptions;
    maxCostUsd?: number;
    ids: string[];
    reason: string;
    dropped: { target: string; reason: string }[];
  }>([
    {
      name: 'sorts cheapest first, unpriced last',
      ids: ['mini', 'local-gpu', 'gpt-4o', 'claude', 'unpriced'],
      reason: 'cheapest first: mini est. $0.00045; 1 without price last',
      dropped: [],
    },
    {
      name: 'drops targets estimated over the cap, keeping unpriced ones',
      maxCostUsd: 0.005,
      ids: ['mini', 'local-gpu', 'unpriced'],
      reason: 'cheapest first: mini est. $0.00045; dropped 2 for the $0.005 cap; 1 without price last',
      dropped: [
        { target: 'gpt-4o', reason: 'est. $0.0075 > cap $0.005' },
        { target: 'claude', reason: 'est. $0.0105 > cap $0.005' },
      ],
    },
    {
      name: 'can drop unpriced targets under a cap',
      options: { unpricedUnderCap: 'drop' },
      maxCostUsd: 0.008,
      ids: ['mini', 'local-gpu', 'gpt-4o'],
      reason: 'cheapest first: mini est. $0.00045; dropped 2 for the $0.008 cap',
      dropped: [
        { target: 'unpriced', reason: 'no price; cannot check the $0.008 cap' },
        { target: 'claude', reason: 'est. $0.0105 > cap $0.008' },
      ],
    },
  ])('$name', ({ options, maxCostUsd, ids, reason, dropped }) => {
    const decision = decideWith(costPolicy(options), { targets, profile: { ...profile, maxCostUsd } });
    expect(decision.type).toBe('ranked');
    expect(idsOf(decision)).toEqual(ids);
    expect(decision.reason).toBe(reason);
    expect(decision.type === 'ranked' && decision.dropped).toEqual(dropped);
  });

  it('keeps equal costs in input order', () => {
    const twin = testTarget({ id: 'twin', locality: 'cloud', tier: 3, price: perToken(0.15, 0.6) });
    expect(idsOf(decideWith(costPolicy(), { targets: [gpt4o, twin, mini], profile }))).toEqual([
      'twin',
      'mini',
      'gpt-4o',
    ]);
  });

  it('says so when no target has a price', () => {
    const decision = decideWith(costPolicy(), { targets: [unpriced, testTarget({ id: 'other' })], profile });
    expect(idsOf(decision)).toEqual(['unpriced', 'other']);
    expect(decision.reason).toBe('no target has a price; order kept');
  });

  it('rejects when every target is over the cap', () => {
    expect(
      decideWith(costPolicy(), { targets: [gpt4o, claude], profile: { ...profile, maxCostUsd: 0.001 } }),
    ).toMatchObject({
      type: 'rejected',
      reason: 'no target is estimated under the $0.001 cap',
    });
  });

  it('only applies the cap to a locked route', () => {
    const decision = decideWith(costPolicy(), {
      targets,
      locked: true,
      profile: { ...profile, maxCostUsd: 0.005 },
    });
    expect(idsOf(decision)).toEqual(['unpriced', 'mini', 'local-gpu']);
    expect(decision.reason).toBe('kept 3 of 5 under the $0.005 cap; 1 without price kept');
    expect(decideWith(costPolicy(), { targets, locked: true, profile }).type).toBe('not-applicable');
  });

  it('reuses the input array when already cheapest first', () => {
    const { decision, candidates } = decideWithInput(costPolicy(), {
      targets: [mini, gpt4o, unpriced],
      profile,
    });
    expect(decision.type === 'ranked' && decision.candidates).toBe(candidates);
  });

  it('names a bad option', () => {
    expect(() => costPolicy({ unpricedUnderCap: 'maybe' } as never)).toThrow(
      'options.unpricedUnderCap: Invalid option',
    );
  });
});
