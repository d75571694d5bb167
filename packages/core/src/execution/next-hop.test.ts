import { describe, expect, it } from 'vitest';
import { candidateOf } from '../spec/target.js';
import { fakeTarget } from './__fixtures__/test-router.js';
import { nextHop } from './next-hop.js';

const chain = [
  fakeTarget({ id: 'a', tier: 1, capabilities: { contextWindow: 8_000 } }),
  fakeTarget({ id: 'b', tier: 1, capabilities: { contextWindow: 8_000 } }),
  fakeTarget({ id: 'c', tier: 2, capabilities: { contextWindow: 4_000 } }),
  fakeTarget({ id: 'd', tier: 1, capabilities: { contextWindow: 32_000 } }),
].map(candidateOf);

describe('nextHop', () => {
  it.each([
    { rule: 'next' as const, from: 0, index: 1, skipped: [] },
    { rule: 'next' as const, from: 3, index: undefined, skipped: [] },
    { rule: 'larger-window' as const, from: 0, index: 3, skipped: ['b', 'c'] },
    { rule: 'larger-window' as const, from: 3, index: undefined, skipped: [] },
    { rule: 'higher-tier' as const, from: 0, index: 2, skipped: ['b'] },
    { rule: 'higher-tier' as const, from: 2, index: undefined, skipped: ['d'] },
    { rule: 'higher-tier-or-next' as const, from: 2, index: 3, skipped: [] },
  ])('$rule from $from → $index', ({ rule, from, index, skipped }) => {
    const next = nextHop(chain, from, rule);
    expect(next.index).toBe(index);
    expect(next.skipped.map((hop) => hop.target)).toEqual(skipped);
  });
});
