import { describe, expect, it } from 'vitest';
import { decideWith, decideWithInput, idsOf } from '../__fixtures__/decide-with.js';
import { testTarget } from '../__fixtures__/test-target.js';
import { loadBalancePolicy } from './load-balance-policy.js';

const hostA = testTarget({ id: 'host-a', model: 'llama3.1:8b', quantization: 'Q4_K_M', maxConcurrency: 1 });
const cloud = testTarget({ id: 'cloud', model: 'gpt-4o', locality: 'cloud', tier: 3 });
const hostB = testTarget({ id: 'host-b', model: 'llama3.1:8b', quantization: 'Q4_K_M', maxConcurrency: 3 });
const hostQ8 = testTarget({ id: 'host-q8', model: 'llama3.1:8b', quantization: 'Q8_0' });
const targets = [hostA, cloud, hostB, hostQ8];

describe('loadBalancePolicy', () => {
  it.each([
    // max-concurrency weights: host-a 1, host-b 3 → host-a for random < 0.25.
    { weighBy: 'max-concurrency' as const, random: 0, ids: ['host-a', 'cloud', 'host-b', 'host-q8'] },
    { weighBy: 'max-concurrency' as const, random: 0.24, ids: ['host-a', 'cloud', 'host-b', 'host-q8'] },
    { weighBy: 'max-concurrency' as const, random: 0.25, ids: ['host-b', 'host-a', 'cloud', 'host-q8'] },
    { weighBy: 'max-concurrency' as const, random: 0.999, ids: ['host-b', 'host-a', 'cloud', 'host-q8'] },
    // equal weights: host-a for random < 0.5.
    { weighBy: 'equal' as const, random: 0.49, ids: ['host-a', 'cloud', 'host-b', 'host-q8'] },
    { weighBy: 'equal' as const, random: 0.5, ids: ['host-b', 'host-a', 'cloud', 'host-q8'] },
  ])('$weighBy with random() = $random', ({ weighBy, random, ids }) => {
    const decision = decideWith(loadBalancePolicy({ weighBy }), { targets, random });
    expect(decision.type).toBe('ranked');
    expect(idsOf(decision)).toEqual(ids);
    expect(decision.reason).toBe(`${ids[0]} first of 2 equal targets (llama3.1:8b, tier 1)`);
  });

  it('reuses the input array when the leader stays first', () => {
    const { decision, candidates } = decideWithInput(loadBalancePolicy(), { targets, random: 0 });
    expect(decision.type === 'ranked' && decision.candidates).toBe(candidates);
  });

  it.each([
    {
      name: 'a different quantization is not equal',
      targets: [hostA, hostQ8, cloud],
      reason: 'no target is interchangeable with host-a',
    },
    { name: 'a single candidate', targets: [hostA], reason: 'fewer than 2 candidates' },
  ])('is not applicable with $name', ({ targets: input, reason }) => {
    expect(decideWith(loadBalancePolicy(), { targets: input })).toEqual({ type: 'not-applicable', reason });
  });

  it('stays out of a locked route', () => {
    expect(decideWith(loadBalancePolicy(), { targets, locked: true, random: 0.9 }).type).toBe(
      'not-applicable',
    );
  });
});
