import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './seeded-random.js';

const sample = (seed: number) => {
  const random = createSeededRandom(seed);
  return Array.from({ length: 8 }, () => random.next());
};

describe('createSeededRandom', () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    expect(sample(42)).toEqual(sample(42));
    expect(sample(42)).not.toEqual(sample(43));
  });

  it('stays in range', () => {
    const random = createSeededRandom(7);
    const seen = new Set<number>();
    for (let index = 0; index < 10_000; index++) {
      const value = random.next();
      expect(value >= 0 && value < 1).toBe(true);
      seen.add(random.integer(1, 6));
    }
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('shuffles into a permutation without touching the input', () => {
    const input = Array.from({ length: 50 }, (_, index) => index);
    const shuffled = createSeededRandom(3).shuffled(input);
    expect(shuffled).not.toEqual(input);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(input);
    expect(input[0]).toBe(0);
  });

  it.each([
    ['a fractional seed', () => createSeededRandom(1.5)],
    ['an empty pick', () => createSeededRandom(1).pick([])],
    ['an inverted range', () => createSeededRandom(1).integer(5, 1)],
  ])('rejects %s', (_name, run) => {
    expect(run).toThrow();
  });
});
