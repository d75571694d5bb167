import { describe, expect, it } from 'vitest';
import { measureLatency, timerOverheadNanoseconds } from './measure-latency.js';

describe('measureLatency', () => {
  it('warms up, then times each call, cycling through the inputs', () => {
    const seen: number[] = [];
    const latencies = measureLatency((input: number) => seen.push(input), [1, 2, 3], {
      warmupCalls: 2,
      calls: 4,
    });
    expect(seen).toEqual([1, 2, 1, 2, 3, 1]);
    expect(latencies).toHaveLength(4);
    expect([...latencies].every((value) => value > 0)).toBe(true);
  });

  it('sees slower work as slower', () => {
    const spin = (iterations: number) => {
      let total = 0;
      for (let index = 0; index < iterations; index++) total += Math.sqrt(index);
      return total;
    };
    const median = (values: Float64Array) => [...values].sort((a, b) => a - b)[values.length >> 1] as number;
    const fast = median(measureLatency(spin, [10], { warmupCalls: 1_000, calls: 2_000 }));
    const slow = median(measureLatency(spin, [100_000], { warmupCalls: 10, calls: 50 }));
    expect(slow).toBeGreaterThan(fast * 10);
  });

  it('rejects an empty input list', () => {
    expect(() => measureLatency(() => 0, [], { warmupCalls: 0, calls: 1 })).toThrow('no inputs');
  });
});

describe('timerOverheadNanoseconds', () => {
  it('is small and positive', () => {
    const overhead = timerOverheadNanoseconds(10_000);
    expect(overhead).toBeGreaterThan(0);
    expect(overhead).toBeLessThan(10_000);
  });
});
