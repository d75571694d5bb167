import { describe, expect, it } from 'vitest';
import { summarizeLatencies } from './latency-summary.js';

describe('summarizeLatencies', () => {
  it.each([
    [
      'one call',
      [5_000],
      { calls: 1, p50Us: 5, p90Us: 5, p99Us: 5, maxUs: 5, meanUs: 5, perSecond: 200_000 },
    ],
    [
      'nearest-rank percentiles over 1..100 µs',
      Array.from({ length: 100 }, (_, index) => (100 - index) * 1_000),
      { calls: 100, p50Us: 50, p90Us: 90, p99Us: 99, maxUs: 100, meanUs: 50.5, perSecond: 19_802 },
    ],
    [
      'a slow outlier moves max and mean, not p50',
      [1_000, 1_000, 1_000, 1_000_000],
      { calls: 4, p50Us: 1, p90Us: 1_000, p99Us: 1_000, maxUs: 1_000, meanUs: 250.75, perSecond: 3_988 },
    ],
    ['sub-microsecond values keep two decimals', [1_234, 1_234], { p50Us: 1.23, maxUs: 1.23 }],
  ])('%s', (_name, nanoseconds, expected) => {
    expect(summarizeLatencies(Float64Array.from(nanoseconds))).toMatchObject(expected);
  });

  it('rejects an empty sample', () => {
    expect(() => summarizeLatencies(new Float64Array(0))).toThrow('no latencies');
  });
});
