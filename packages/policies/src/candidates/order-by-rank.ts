import type { Candidate } from '@switchyard/core';

/**
 * Stable sort of candidates by a rank per position (lower first; equal ranks keep their order).
 * Returns the input array itself when it is already in order, so the common case allocates
 * nothing. Uses insertion sort: candidate lists are short (tens), and it is stable and
 * allocation-light.
 *
 * @example
 * orderByRank(candidates, candidates.map((candidate) => (candidate.target.locality === 'local' ? 0 : 1)));
 */
export function orderByRank(
  candidates: readonly Candidate[],
  ranks: readonly number[],
): readonly Candidate[] {
  const count = candidates.length;
  let index = 1;
  while (index < count && (ranks[index] as number) >= (ranks[index - 1] as number)) index++;
  if (index >= count) return candidates;

  const ordered = candidates.slice();
  const keys = ranks.slice(0, count);
  for (; index < count; index++) {
    const key = keys[index] as number;
    const candidate = ordered[index] as Candidate;
    let position = index - 1;
    while (position >= 0 && (keys[position] as number) > key) {
      keys[position + 1] = keys[position] as number;
      ordered[position + 1] = ordered[position] as Candidate;
      position--;
    }
    keys[position + 1] = key;
    ordered[position + 1] = candidate;
  }
  return ordered;
}
