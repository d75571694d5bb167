/**
 * Counts of each value, in order of first appearance.
 *
 * @example
 * tally(['a', 'b', 'a']); // { a: 2, b: 1 }
 */
export function tally(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
