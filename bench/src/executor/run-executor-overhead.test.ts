import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataDirectory } from '../shared-data.js';
import { workloadDataFiles } from '../workload/workload-sources.js';
import { formatExecutorReport } from './format-executor-report.js';
import { runExecutorOverhead } from './run-executor-overhead.js';

const sharedDir = sharedDataDirectory();
const present = hasSharedData(sharedDir, workloadDataFiles);

describe.skipIf(!present)(`runExecutorOverhead (needs the shared data in ${sharedDir})`, () => {
  it('measures every case on both backends and reports a consistent shape', async () => {
    const result = await runExecutorOverhead({ sharedDir, inProcessCalls: 40, httpCalls: 10, requests: 4 });

    expect(result.benchmark).toBe('executor-overhead');
    expect(result.machine.cores).toBeGreaterThan(0);
    expect(result.router.policies).toContain('context-fit');
    expect(result.router.policies).toHaveLength(10);
    expect(result.cases.map((entry) => entry.name)).toEqual([
      'in-process generate',
      'in-process stream',
      'in-process generateObject',
      'http generate',
      'http stream',
      'http generateObject',
    ]);
    // Every router call went through the meter: measured calls plus warm-up, per case.
    const routerCalls = result.cases.reduce((sum, entry) => sum + entry.router.calls + entry.warmupCalls, 0);
    expect(result.router.meteredRequests).toBe(routerCalls);
    for (const entry of result.cases) {
      const calls = entry.backend === 'in-process' ? 40 : 10;
      expect(entry.direct.calls).toBe(calls);
      expect(entry.router.calls).toBe(calls);
      expect(entry.inputs).toBe(4);
      for (const side of [entry.direct, entry.router]) {
        expect(side.p50Us).toBeGreaterThan(0);
        expect(side.p50Us).toBeLessThanOrEqual(side.p99Us);
      }
      expect(entry.overheadUs.p50).toBeCloseTo(entry.router.p50Us - entry.direct.p50Us, 1);
      expect(entry.ratio.p50).toBeCloseTo(entry.router.p50Us / entry.direct.p50Us, 1);
    }
    // Over HTTP a call costs a loopback round trip: far more than an in-process answer.
    const inProcess = result.cases.find((entry) => entry.name === 'in-process generate');
    const http = result.cases.find((entry) => entry.name === 'http generate');
    expect(http?.direct.p50Us).toBeGreaterThan(inProcess?.direct.p50Us ?? Number.POSITIVE_INFINITY);

    const report = formatExecutorReport(result, 'node bench/dist/executor/executor-overhead.js');
    expect(report).toContain('command: node bench/dist/executor/executor-overhead.js');
    expect(report).toContain('http generateObject');
    expect(report).toMatch(/overhead p50 \+-?[\d.]+ µs/);
  });
});
