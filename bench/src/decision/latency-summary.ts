/** Percentiles of per-call latencies, in microseconds, and the throughput they imply. */
export type LatencySummary = {
  /** Calls measured. */
  readonly calls: number;
  readonly p50Us: number;
  readonly p90Us: number;
  readonly p99Us: number;
  readonly maxUs: number;
  readonly meanUs: number;
  /** Calls per second over the measured time (1e6 / mean). */
  readonly perSecond: number;
};

/**
 * Summarises per-call latencies given in nanoseconds: nearest-rank percentiles, max and mean in
 * µs (two decimals), and calls per second. Sorts its input in place.
 *
 * @example
 * summarizeLatencies(Float64Array.from([1_000, 2_000, 3_000])); // { p50Us: 2, maxUs: 3, perSecond: 500_000, … }
 */
export function summarizeLatencies(nanoseconds: Float64Array): LatencySummary {
  const calls = nanoseconds.length;
  if (calls === 0) throw new RangeError('no latencies to summarise');
  nanoseconds.sort();
  let total = 0;
  for (const value of nanoseconds) total += value;
  const mean = total / calls;
  const at = (quantile: number) =>
    nanoseconds[Math.min(calls - 1, Math.ceil(quantile * calls) - 1)] as number;
  return {
    calls,
    p50Us: microseconds(at(0.5)),
    p90Us: microseconds(at(0.9)),
    p99Us: microseconds(at(0.99)),
    maxUs: microseconds(nanoseconds[calls - 1] as number),
    meanUs: microseconds(mean),
    perSecond: Math.round(1e9 / mean),
  };
}

function microseconds(nanoseconds: number): number {
  return Math.round(nanoseconds / 10) / 100;
}
