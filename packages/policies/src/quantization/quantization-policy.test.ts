import type { RequestProfile } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { decideWith, decideWithInput, idsOf } from '../__fixtures__/decide-with.js';
import { testTarget } from '../__fixtures__/test-target.js';
import type { QuantizationOptions } from './quantization-options.js';
import { quantizationPolicy } from './quantization-policy.js';
import { quantizationRank } from './quantization-rank.js';

const q4 = testTarget({ id: 'q4', quantization: 'Q4_K_M', memoryGb: 4.9 });
const cloud = testTarget({ id: 'cloud', locality: 'cloud', tier: 3 });
const q8 = testTarget({ id: 'q8', quantization: 'Q8_0', memoryGb: 75, tier: 2 });
const unknown = testTarget({ id: 'unknown', quantization: null });
const q5s = testTarget({ id: 'q5s', quantization: 'Q5_K_S', memoryGb: 5.6 });
const q3 = testTarget({ id: 'q3', quantization: 'Q3_K_M', memoryGb: 3.8 });
const fp16 = testTarget({ id: 'fp16', kind: 'vllm', quantization: 'fp16', memoryGb: 16 });
const targets = [q4, cloud, q8, unknown, q5s, q3, fp16];

describe('quantizationPolicy', () => {
  it.each<{
    name: string;
    profile?: Partial<RequestProfile>;
    options?: QuantizationOptions;
    ids: string[];
    reason: string;
  }>([
    {
      name: 'a schema request puts higher precision first; cloud and unknown keep their slots',
      profile: { structuredOutput: { mode: 'json_schema', schemaSize: 8, strict: true } },
      ids: ['fp16', 'cloud', 'q8', 'unknown', 'q5s', 'q4', 'q3'],
      reason: 'precision matters (json_schema): higher-precision local quantization first',
    },
    {
      name: 'a deep tool chain and a complex task need precision too',
      profile: { toolChainDepth: 2, complexity: 'complex' },
      ids: ['fp16', 'cloud', 'q8', 'unknown', 'q5s', 'q4', 'q3'],
      reason: 'precision matters (chain depth 2, complex task): higher-precision local quantization first',
    },
    {
      name: 'routine work prefers the routine quantization, then the nearest, lower bits on ties',
      ids: ['q4', 'cloud', 'q5s', 'unknown', 'q3', 'q8', 'fp16'],
      reason: 'routine request: local quantization nearest Q4_K_M first',
    },
    {
      name: 'the routine quantization is an option',
      options: { routine: 'q8_0' },
      ids: ['q8', 'cloud', 'fp16', 'unknown', 'q5s', 'q4', 'q3'],
      reason: 'routine request: local quantization nearest q8_0 first',
    },
    {
      name: 'a memory budget drops local targets that do not fit',
      options: { memoryBudgetGb: 12 },
      ids: ['q4', 'cloud', 'unknown', 'q5s', 'q3'],
      reason: 'dropped 2 local targets over 12 GB; routine request: local quantization nearest Q4_K_M first',
    },
  ])('$name', ({ profile, options, ids, reason }) => {
    const decision = decideWith(quantizationPolicy(options), { targets, profile });
    expect(decision.type).toBe('ranked');
    expect(idsOf(decision)).toEqual(ids);
    expect(decision.reason).toBe(reason);
  });

  it('gives each target over the budget a reason', () => {
    const decision = decideWith(quantizationPolicy({ memoryBudgetGb: 12 }), { targets });
    expect(decision.type === 'ranked' && decision.dropped).toEqual([
      { target: 'q8', reason: 'needs 75 GB > budget 12 GB' },
      { target: 'fp16', reason: 'needs 16 GB > budget 12 GB' },
    ]);
  });

  it('never drops cloud targets for memory', () => {
    const bigCloud = testTarget({ id: 'big-cloud', locality: 'cloud', tier: 3, memoryGb: 800 });
    const decision = decideWith(quantizationPolicy({ memoryBudgetGb: 8 }), { targets: [bigCloud, q8] });
    expect(idsOf(decision)).toEqual(['big-cloud']);
  });

  it('rejects when nothing fits the budget', () => {
    expect(decideWith(quantizationPolicy({ memoryBudgetGb: 2 }), { targets: [q4, q8] })).toMatchObject({
      type: 'rejected',
      reason: 'no target fits the 2 GB memory budget',
    });
  });

  it('only filters a locked route, and stays out when it has no budget', () => {
    const filtered = decideWith(quantizationPolicy({ memoryBudgetGb: 12 }), { targets, locked: true });
    expect(idsOf(filtered)).toEqual(['q4', 'cloud', 'unknown', 'q5s', 'q3']);
    expect(decideWith(quantizationPolicy(), { targets, locked: true }).type).toBe('not-applicable');
  });

  it('reuses the input array when the order already fits', () => {
    const { decision, candidates } = decideWithInput(quantizationPolicy(), { targets: [q4, cloud, q5s, q8] });
    expect(decision.type === 'ranked' && decision.candidates).toBe(candidates);
  });

  it.each([
    [{ routine: 'Q4KM' }, 'options.routine: unknown quantization'],
    [{ memoryBudgetGb: 0 }, 'options.memoryBudgetGb: '],
  ])('names the bad option in %j', (options, message) => {
    expect(() => quantizationPolicy(options as never)).toThrow(message);
  });
});

describe('quantizationRank', () => {
  it('orders the documented ladder from most to least precise', () => {
    const ladder = [
      'fp32',
      'BF16',
      'Q8_0',
      'Q6_K',
      'Q5_K_M',
      'Q5_K_S',
      'Q5_0',
      'Q4_K_M',
      'Q4_K_S',
      'Q4_0',
      'awq',
      'Q3_K_L',
      'Q2_K',
    ];
    const ranks = ladder.map(quantizationRank);
    expect(ranks).toEqual([...ranks].sort((a, b) => (a as number) - (b as number)));
    expect(new Set(ranks).size).toBe(ladder.length);
  });

  it.each([
    ['f32', 0],
    ['fp16', 1],
    ['fp8', 2],
    ['int8', 2],
    ['gptq-int4', 10],
    ['IQ3_XXS', 11],
    ['exl2', undefined],
    [null, undefined],
  ] as const)('%s → %s', (name, rank) => {
    expect(quantizationRank(name)).toBe(rank);
  });
});
