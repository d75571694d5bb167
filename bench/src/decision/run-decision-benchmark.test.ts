import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataDirectory } from '../shared-data.js';
import { workloadDataFiles } from '../workload/workload-sources.js';
import type { LatencySummary } from './latency-summary.js';
import { referenceP99GoalUs, runDecisionBenchmark } from './run-decision-benchmark.js';

const sharedDir = sharedDataDirectory();
const present = hasSharedData(sharedDir, workloadDataFiles);

const ordered = (summary: LatencySummary) =>
  summary.p50Us > 0 &&
  summary.p50Us <= summary.p90Us &&
  summary.p90Us <= summary.p99Us &&
  summary.p99Us <= summary.maxUs &&
  summary.perSecond > 0;

describe.skipIf(!present)(
  present
    ? 'runDecisionBenchmark (real data, small run)'
    : `runDecisionBenchmark — skipped: no public data under ${sharedDir}`,
  () => {
    it('measures every figure and routes the workload through the hybrid router', async () => {
      const result = await runDecisionBenchmark({
        sharedDir,
        size: 120,
        passes: 1,
        referenceCalls: 20_000,
        warmupCalls: 500,
      });
      for (const figures of [result.reference, result.workload]) {
        for (const summary of [figures.decision, figures.validation, figures.profiling, figures.baseline]) {
          expect(ordered(summary), JSON.stringify(summary)).toBe(true);
        }
      }
      expect(result.reference.decision.calls).toBe(20_000);
      expect(result.workload.decision.calls).toBe(120);
      expect(result.reference.tools).toBe(12);
      expect(result.reference.goal).toEqual({
        p99Us: referenceP99GoalUs,
        met: result.reference.decision.p99Us <= referenceP99GoalUs,
      });
      expect(result.router.policies).toHaveLength(10);
      expect(result.router.targets).toBe(7);
      // 12 tools exceed the example's local limit of 8: the reference leaves the local targets.
      expect(result.reference.target).not.toMatch(/^(llamacpp|ollama)-/);
      const outcomes = Object.values(result.workload.outcomes).reduce((sum, count) => sum + count, 0);
      expect(outcomes).toBe(120);
      expect(Object.keys(result.workload.outcomes).length).toBeGreaterThan(2);
      expect(Object.keys(result.workload.byKind).sort()).toEqual(
        [
          'image',
          'long-context',
          'multi-turn-chat',
          'plain-chat',
          'structured-output',
          'tool-chain',
          'tool-call',
        ].sort(),
      );
    }, 120_000);
  },
);
