import { nearestRankPercentile } from '@switchyard/core';

/** Nearest-rank p50 and p95 of some values, their mean, and how many there were. */
export type LivePercentiles = {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly mean: number;
};

/**
 * p50, p95 (nearest rank) and mean of the values, rounded to two decimals; `null` for none.
 *
 * @example
 * livePercentiles([120, 80, 3000, 95]); // { count: 4, p50: 95, p95: 3000, mean: 823.75 }
 */
export function livePercentiles(values: readonly number[]): LivePercentiles | null {
  if (values.length === 0) return null;
  const total = values.reduce((sum, value) => sum + value, 0);
  return {
    count: values.length,
    p50: round(nearestRankPercentile(values, 50) as number),
    p95: round(nearestRankPercentile(values, 95) as number),
    mean: round(total / values.length),
  };
}

/**
 * A share as a number in [0, 1] with four decimals; `null` when there is nothing to divide by.
 *
 * @example
 * rate(1, 3); // 0.3333
 */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
