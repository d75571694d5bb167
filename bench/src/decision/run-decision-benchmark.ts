import { loadavg } from 'node:os';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ChatRequest, NoRouteError, parseChatRequest, type Router } from '@switchyard/core';
import { sharedDataDirectory } from '../shared-data.js';
import { buildWorkloadItems } from '../workload/build-workload.js';
import { countRequestTokens, type RequestTokenCount } from '../workload/count-tokens.js';
import { buildReferenceRequest } from '../workload/reference-request.js';
import { createSeededRandom } from '../workload/seeded-random.js';
import type { WorkloadKind } from '../workload/workload-item.js';
import { createHybridRouter, createTrivialRouter, hybridConfigPath } from './create-hybrid-router.js';
import { describeMachine, type MachineDescription } from './describe-machine.js';
import { type LatencySummary, summarizeLatencies } from './latency-summary.js';
import { measureLatency, timerOverheadNanoseconds } from './measure-latency.js';

/** Settings of {@link runDecisionBenchmark}. */
export type DecisionBenchmarkOptions = {
  /** Shared data folder (default `sharedDataDirectory()`). */
  readonly sharedDir?: string;
  /** Workload size (default 1,200). */
  readonly size?: number;
  /** Workload seed (default 1). */
  readonly seed?: number;
  /** Measured passes over the workload (default 10). */
  readonly passes?: number;
  /** Measured calls on the reference request (default 50,000; at least 20,000 for the headline). */
  readonly referenceCalls?: number;
  /** Warm-up calls before each measurement (default 10,000). */
  readonly warmupCalls?: number;
};

/** Latencies of one case: the full decision, its parts, and the trivial router. */
export type DecisionCaseFigures = {
  /** `router.route()` of the example config's router: profile, ten policies, decision record. */
  readonly decision: LatencySummary;
  /** `parseChatRequest()`: validation of the request body, which the gateway does before routing. */
  readonly validation: LatencySummary;
  /** `router.profile()`: profiling alone. */
  readonly profiling: LatencySummary;
  /** `route()` of a router with the same targets and no policies (first target): the engine's floor. */
  readonly baseline: LatencySummary;
  /** decision ÷ baseline, at p50 and p99. */
  readonly ratioToBaseline: { readonly p50: number; readonly p99: number };
};

/** Everything the decision benchmark measured, as written to `bench/out/decision.json`. */
export type DecisionBenchmarkResult = {
  readonly benchmark: 'decision';
  readonly machine: MachineDescription;
  /** 1-minute load average before and after the run: above the core count, figures are noisy. */
  readonly loadAverage: { readonly before: number; readonly after: number };
  /** The config file the router was built from, and what it holds. */
  readonly router: {
    readonly source: string;
    readonly targets: number;
    readonly policies: readonly string[];
  };
  /** Median cost of one `hrtime.bigint()` pair, in ns; included in every latency. */
  readonly timerOverheadNs: number;
  readonly reference: DecisionCaseFigures & {
    readonly tokens: RequestTokenCount;
    readonly tools: number;
    readonly target: string;
    /** The headline target: p99 of a decision for the reference request. */
    readonly goal: { readonly p99Us: number; readonly met: boolean };
    /**
     * p99 of the decision in each fifth of the run, in order: a spread between them means the
     * machine was busy (other processes, CPU frequency), not that the code changed.
     */
    readonly decisionP99ByRoundUs: readonly number[];
  };
  readonly workload: DecisionCaseFigures & {
    readonly requests: number;
    readonly seed: number;
    readonly passes: number;
    /** Decision latency per kind of request. */
    readonly byKind: Readonly<Record<string, LatencySummary>>;
    /** Where the workload's requests went: target id → count, plus `no-route`. */
    readonly outcomes: Readonly<Record<string, number>>;
  };
};

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The clock policies see during the benchmark (2026-01-01T00:00:00Z). */
const fixedNow = Date.UTC(2026, 0, 1);

/** The headline goal: p99 of one routing decision for the reference request, in µs. */
export const referenceP99GoalUs = 20;

/**
 * Measures routing-decision latency: the example hybrid router against the reference request
 * (≥ 20,000 calls) and over the whole realistic workload (several passes), with validation and
 * profiling measured separately and a no-policy router as the baseline, all in the same process.
 *
 * @example
 * const result = await runDecisionBenchmark({ passes: 10 });
 * result.reference.decision.p99Us; // e.g. 12.4
 */
export async function runDecisionBenchmark(
  options: DecisionBenchmarkOptions = {},
): Promise<DecisionBenchmarkResult> {
  const loadBefore = loadavg()[0] ?? 0;
  const sharedDir = options.sharedDir ?? sharedDataDirectory();
  const seed = options.seed ?? 1;
  const passes = options.passes ?? 10;
  const referenceCalls = options.referenceCalls ?? 50_000;
  const warmupCalls = options.warmupCalls ?? 10_000;

  const items = buildWorkloadItems({
    sharedDir,
    size: options.size ?? 1_200,
    seed,
    models: { auto: 0.9, 'local/qwen2.5-14b': 0.06, 'gpt-4o': 0.04 },
  });
  // The router receives validated requests (the gateway parses first), so route what parse returns.
  const bodies = items.map((item) => JSON.parse(JSON.stringify(item.request)) as unknown);
  const requests = bodies.map((body) => parseChatRequest(body));
  const referenceRequest = buildReferenceRequest({ sharedDir });
  const referenceBody = JSON.parse(JSON.stringify(referenceRequest)) as unknown;
  const reference = parseChatRequest(referenceBody);

  // Fixed ids, clock and random source: the same workload routes the same way on every run.
  let ids = 0;
  const routerOptions = {
    requestId: () => `bench-${++ids}`,
    now: () => fixedNow,
    random: createSeededRandom(seed).next,
  };
  const router = await createHybridRouter(routerOptions);
  const baseline = createTrivialRouter(router.targets, routerOptions);
  const route = routeOrNoRoute(router);
  const routeBaseline = routeOrNoRoute(baseline);

  // Warm every path on the whole workload first, so no measurement runs on colder code than another.
  const warmAll = { warmupCalls: requests.length * 2, calls: 1 };
  measureLatency(route, requests, warmAll);
  measureLatency(routeBaseline, requests, warmAll);
  measureLatency((request) => router.profile(request), requests, warmAll);
  measureLatency(parseChatRequest, bodies, warmAll);

  const referenceRun = { warmupCalls, calls: referenceCalls };
  const referenceDecisions = measureLatency(route, [reference], referenceRun);
  const decisionP99ByRoundUs = p99ByRound(referenceDecisions, 5);
  const referenceFigures = caseFigures({
    decision: referenceDecisions,
    validation: measureLatency(parseChatRequest, [referenceBody], referenceRun),
    profiling: measureLatency((request) => router.profile(request), [reference], referenceRun),
    baseline: measureLatency(routeBaseline, [reference], referenceRun),
  });

  const workloadRun = {
    warmupCalls: Math.min(warmupCalls, requests.length),
    calls: requests.length * passes,
  };
  const workloadDecisions = measureLatency(route, requests, workloadRun);
  const byKind = latencyByKind(
    workloadDecisions,
    items.map((item) => item.kind),
  );
  const workloadFigures = caseFigures({
    decision: workloadDecisions,
    validation: measureLatency(parseChatRequest, bodies, workloadRun),
    profiling: measureLatency((request) => router.profile(request), requests, workloadRun),
    baseline: measureLatency(routeBaseline, requests, workloadRun),
  });

  const outcomes: Record<string, number> = {};
  for (const request of requests) {
    const outcome = route(request);
    const key = typeof outcome === 'string' ? outcome : outcome.target;
    outcomes[key] = (outcomes[key] ?? 0) + 1;
  }
  const referenceDecision = route(reference);

  return {
    benchmark: 'decision',
    machine: describeMachine(),
    loadAverage: { before: round(loadBefore), after: round(loadavg()[0] ?? 0) },
    router: {
      source: `${relative(repositoryRoot, hybridConfigPath)} (loadConfigFile + createRouterFromConfig)`,
      targets: router.targets.length,
      policies: router.policies.map((policy) => policy.name),
    },
    timerOverheadNs: timerOverheadNanoseconds(),
    reference: {
      ...referenceFigures,
      tokens: countRequestTokens(referenceRequest),
      tools: referenceRequest.tools?.length ?? 0,
      target: typeof referenceDecision === 'string' ? referenceDecision : referenceDecision.target,
      goal: { p99Us: referenceP99GoalUs, met: referenceFigures.decision.p99Us <= referenceP99GoalUs },
      decisionP99ByRoundUs,
    },
    workload: {
      ...workloadFigures,
      requests: requests.length,
      seed,
      passes,
      byKind,
      outcomes,
    },
  };
}

/** `route`, with a no-route answer returned as `'no-route'` (it is a decision too, and is timed). */
function routeOrNoRoute(router: Router) {
  return (request: ChatRequest) => {
    try {
      return router.route(request);
    } catch (error) {
      if (NoRouteError.isInstance(error)) return 'no-route' as const;
      throw error;
    }
  };
}

function caseFigures(latencies: {
  decision: Float64Array;
  validation: Float64Array;
  profiling: Float64Array;
  baseline: Float64Array;
}): DecisionCaseFigures {
  const decision = summarizeLatencies(latencies.decision);
  const baseline = summarizeLatencies(latencies.baseline);
  return {
    decision,
    validation: summarizeLatencies(latencies.validation),
    profiling: summarizeLatencies(latencies.profiling),
    baseline,
    ratioToBaseline: {
      p50: Math.round((decision.p50Us / baseline.p50Us) * 100) / 100,
      p99: Math.round((decision.p99Us / baseline.p99Us) * 100) / 100,
    },
  };
}

/** p99 of each of `rounds` consecutive slices of the latencies (left unsorted). */
function p99ByRound(latencies: Float64Array, rounds: number): number[] {
  const size = Math.floor(latencies.length / rounds);
  return Array.from(
    { length: rounds },
    (_, index) => summarizeLatencies(latencies.slice(index * size, (index + 1) * size)).p99Us,
  );
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function latencyByKind(
  latencies: Float64Array,
  kinds: readonly WorkloadKind[],
): Record<string, LatencySummary> {
  const grouped = new Map<WorkloadKind, number[]>();
  latencies.forEach((value, index) => {
    const kind = kinds[index % kinds.length] as WorkloadKind;
    const group = grouped.get(kind) ?? [];
    group.push(value);
    grouped.set(kind, group);
  });
  return Object.fromEntries(
    [...grouped].map(([kind, values]) => [kind, summarizeLatencies(Float64Array.from(values))]),
  );
}
