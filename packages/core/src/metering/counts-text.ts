/**
 * Counts as `name count` pairs, most frequent first (ties by name): `timeout 30, circuit-open 12`.
 *
 * @example
 * countsText({ 'circuit-open': 12, timeout: 30 }); // 'timeout 30, circuit-open 12'
 */
export function countsText(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .sort(([leftName, left], [rightName, right]) => right - left || leftName.localeCompare(rightName))
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
}
