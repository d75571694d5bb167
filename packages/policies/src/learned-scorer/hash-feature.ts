/** FNV-1a 32-bit offset basis: the starting state of {@link hashStep}. */
export const FNV_OFFSET_BASIS = 0x811c9dc5;

/**
 * One FNV-1a step: folds a 16-bit code unit into a running 32-bit hash. Callers hash a token while
 * they scan it, so no substring is ever allocated.
 *
 * @example
 * let hash = FNV_OFFSET_BASIS;
 * for (const char of 'word') hash = hashStep(hash, char.charCodeAt(0));
 */
export function hashStep(hash: number, codeUnit: number): number {
  return Math.imul(hash ^ codeUnit, 0x01000193);
}

/**
 * MurmurHash3's 32-bit finaliser: spreads every input bit over the output, so the low bits (the
 * bucket) and the top bit (the sign) of a feature hash are independent.
 *
 * @example
 * const mixed = finalizeHash(hashStep(FNV_OFFSET_BASIS, 97));
 */
export function finalizeHash(hash: number): number {
  let mixed = hash;
  mixed ^= mixed >>> 16;
  mixed = Math.imul(mixed, 0x85ebca6b);
  mixed ^= mixed >>> 13;
  mixed = Math.imul(mixed, 0xc2b2ae35);
  mixed ^= mixed >>> 16;
  return mixed >>> 0;
}

/**
 * Hash of a whole string from a seed (namespaces use different seeds). Used for named features,
 * which are hashed once when the module loads.
 *
 * @example
 * const hash = hashString('category:math', 7);
 */
export function hashString(text: string, seed: number): number {
  let hash = hashStep(FNV_OFFSET_BASIS, seed);
  for (let index = 0; index < text.length; index++) hash = hashStep(hash, text.charCodeAt(index));
  return finalizeHash(hash);
}

/**
 * Combines two token hashes into the hash of the pair (word bigrams), order-sensitive.
 *
 * @example
 * const bigram = combineHashes(hashString('new', 1), hashString('york', 1));
 */
export function combineHashes(first: number, second: number): number {
  return finalizeHash(Math.imul(first ^ 0x9e3779b9, 31) + second);
}
