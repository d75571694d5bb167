/**
 * The nearest-rank percentile of some values: the smallest value with at least `percent` % of
 * the values at or below it (p50 of [1, 2, 3, 4] is 2, p95 of 20 values is the 19th). Always one
 * of the values; `null` for none.
 *
 * @example
 * nearestRankPercentile([120, 80, 3000, 95], 95); // 3000
 */
export function nearestRankPercentile(values: readonly number[], percent: number): number | null {
  if (!(percent > 0 && percent <= 100)) {
    throw new RangeError(`percentile must be in (0, 100], got ${percent}`);
  }
  if (values.length === 0) return null;
  const sorted = [...values].sort((left, right) => left - right);
  const rank = Math.ceil((percent / 100) * sorted.length);
  return sorted[rank - 1] as number;
}
