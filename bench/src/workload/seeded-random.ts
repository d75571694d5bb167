/**
 * A seeded pseudo-random source (mulberry32): the same seed gives the same sequence on every
 * machine, so a workload built from a seed is reproducible. Not for anything security related.
 */
export type SeededRandom = {
  /** Next number in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  integer(min: number, max: number): number;
  /** True with probability `probability`. */
  chance(probability: number): boolean;
  /** One element of a non-empty list. */
  pick<Element>(list: readonly Element[]): Element;
  /** `length` random letters and digits (ids such as tool-call ids). */
  token(length: number): string;
  /** A shuffled copy of a list (Fisher–Yates). */
  shuffled<Element>(list: readonly Element[]): Element[];
};

const tokenAlphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Creates a seeded random source.
 *
 * @example
 * const random = createSeededRandom(42);
 * random.integer(1, 6); // the same number for seed 42 every time
 */
export function createSeededRandom(seed: number): SeededRandom {
  if (!Number.isInteger(seed)) throw new TypeError(`seed must be an integer, got ${seed}`);
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
  const integer = (min: number, max: number): number => {
    if (max < min) throw new RangeError(`integer(${min}, ${max}): max is below min`);
    return min + Math.floor(next() * (max - min + 1));
  };
  return {
    next,
    integer,
    chance: (probability) => next() < probability,
    pick(list) {
      if (list.length === 0) throw new RangeError('pick() from an empty list');
      return list[integer(0, list.length - 1)] as (typeof list)[number];
    },
    token(length) {
      let out = '';
      for (let index = 0; index < length; index++) out += tokenAlphabet[integer(0, tokenAlphabet.length - 1)];
      return out;
    },
    shuffled(list) {
      const out = [...list];
      for (let index = out.length - 1; index > 0; index--) {
        const other = integer(0, index);
        [out[index], out[other]] = [out[other] as (typeof out)[number], out[index] as (typeof out)[number]];
      }
      return out;
    },
  };
}
