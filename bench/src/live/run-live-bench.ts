import { type CreateBackendOptions, createBackendsFromConfig } from '@switchyard/backends';
import {
  type BackendV1,
  createRouterFromConfig,
  type ExecutionOptions,
  type PolicyRegistry,
  type Router,
  type SwitchyardConfig,
  type Target,
} from '@switchyard/core';
import { describeMachine, type MachineDescription } from '../decision/describe-machine.js';
import { buildWorkloadItems } from '../workload/build-workload.js';
import type { WorkloadKind } from '../workload/workload-item.js';
import { type LivePercentiles, livePercentiles } from './live-percentiles.js';
import type { LiveProgress } from './live-progress.js';
import type { LiveRequestRecord } from './live-request-record.js';
import { type LiveJob, runLiveJobs } from './run-live-jobs.js';
import { type LiveLane, type LiveSkips, selectLiveRequests } from './select-live-requests.js';
import { type LiveAgreementSummary, summarizeLiveAgreement } from './summarize-live-agreement.js';
import { type LiveTargetSummary, summarizeLiveTargets } from './summarize-live-targets.js';
import { tally } from './tally.js';

/** Settings of {@link runLiveBench}. */
export type LiveBenchOptions = {
  /** The config whose targets are measured. */
  readonly config: SwitchyardConfig;
  /** Where the config came from, for the report (`switchyard.yaml`, `built in`). */
  readonly configSource: string;
  /** Policy factories by config name, and the policies used when the config lists none. */
  readonly registry: PolicyRegistry;
  readonly defaultPolicyNames: readonly string[];
  /** Adapters by backend id (default: built from the config with `createBackendsFromConfig`). */
  readonly backends?: Readonly<Record<string, BackendV1>>;
  /** Settings for building the adapters (an injected fetch…). */
  readonly backendOptions?: CreateBackendOptions;
  /** Executor settings overriding the config's `retry` and `validation` sections. */
  readonly execution?: ExecutionOptions;
  /** Requests to send (per compared target with `compare`). */
  readonly requests: number;
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** No request starts after this many ms; those in flight are cut. */
  readonly deadlineMs: number;
  /** Share of each kind of request (normalised). */
  readonly mix: Readonly<Partial<Record<WorkloadKind, number>>>;
  /** Target ids to run every request on, side by side (two or more); unset: route each request. */
  readonly compare?: readonly string[];
  /** Output cap set on every request (`max_tokens`). */
  readonly maxOutputTokens: number;
  /** Seed of the workload. */
  readonly seed: number;
  /** The shared data folder the workload is built from. */
  readonly sharedDir: string;
  /** Progress display (default none). */
  readonly progress?: LiveProgress;
};

/** A backend warmed up (its model loaded) before the run, untimed. */
export type LiveWarmUp = { readonly backend: string; readonly milliseconds: number; readonly error?: string };

/** One request of the run, without its content (prompt and answer are left out of reports). */
export type LiveRequestSummary = Omit<
  LiveRequestRecord,
  'answer' | 'attempts' | 'usage' | 'structured' | 'errorMessage'
> & {
  readonly calls: number;
  readonly outputTokens?: number;
  readonly valid?: boolean;
};

/** Everything a live run measured. */
export type LiveBenchReport = {
  readonly benchmark: 'live';
  readonly machine: MachineDescription;
  readonly startedAt: string;
  readonly config: {
    readonly source: string;
    readonly targets: readonly {
      readonly id: string;
      readonly kind: Target['kind'];
      readonly locality: Target['locality'];
      readonly tier: Target['tier'];
      readonly model: string;
      readonly contextWindow: number;
    }[];
  };
  /** `routed`: the config's router picks a target per request; `compare`: every request on each compared target. */
  readonly mode: 'routed' | 'compare';
  readonly settings: {
    readonly requests: number;
    readonly concurrency: number;
    readonly deadlineMs: number;
    readonly mix: Readonly<Partial<Record<WorkloadKind, number>>>;
    readonly maxOutputTokens: number;
    readonly seed: number;
    readonly compare?: readonly string[];
  };
  readonly warmUps: readonly LiveWarmUp[];
  readonly selection: {
    readonly wanted: number;
    readonly selected: number;
    readonly considered: number;
    readonly byKind: Readonly<Record<string, number>>;
    readonly skipped: LiveSkips;
  };
  readonly run: {
    readonly wallMs: number;
    readonly deadlineReached: boolean;
    /** Requests never sent because the deadline came first. */
    readonly notStarted: number;
    readonly sent: number;
    readonly ok: number;
    readonly errors: number;
    readonly cut: number;
    readonly errorsByCode: Readonly<Record<string, number>>;
    /** Wall clock of answered requests as the caller saw them, in ms. */
    readonly latencyMs: LivePercentiles | null;
    /** Streamed answered requests: time to the first content chunk the caller got, in ms. */
    readonly ttftMs: LivePercentiles | null;
    readonly requestsPerSecond: number;
    /** Output tokens of answering calls ÷ wall clock of the run. */
    readonly outputTokensPerSecond: number;
  };
  readonly targets: readonly LiveTargetSummary[];
  readonly agreement: readonly LiveAgreementSummary[];
  readonly requests: readonly LiveRequestSummary[];
};

const noHints = { localOnly: 0, tier: 0, maxCost: 0, latencyBudget: 0, promptTag: 0 } as const;
const emptyRoutingTable = { aliases: [], premium: [] } as const;

/**
 * Replays a workload of real requests against a config's targets and measures them. Without
 * `compare`, each request goes through the config's router as the gateway would send it (the
 * policies pick the target, the executor retries and falls back); with `compare`, every request
 * runs on each named target on its own (one single-target router per target, the config's
 * policies and executor settings), and the answers are compared pair by pair.
 *
 * Requests come from the workload generators (real prompts, BFCL tool calls, structured output),
 * without routing hints, output capped at `maxOutputTokens`; those that fit no window or that a
 * router has no route for are skipped and counted, never truncated. Embedded models are loaded
 * before the clock starts. The run is bounded by `requests` and `deadlineMs`.
 *
 * @example
 * const report = await runLiveBench({ config, configSource: 'switchyard.yaml', registry: builtinPolicies,
 *   defaultPolicyNames, requests: 50, concurrency: 4, deadlineMs: 300_000,
 *   mix: { 'plain-chat': 2, 'tool-call': 1, 'structured-output': 1 }, maxOutputTokens: 256, seed: 1,
 *   sharedDir: sharedDataDirectory() });
 * report.targets[0].latencyMs?.p50;
 */
export async function runLiveBench(options: LiveBenchOptions): Promise<LiveBenchReport> {
  const { config } = options;
  const compare = options.compare;
  const compared = compare?.map((id) => targetById(config, id));
  const ownsBackends = options.backends === undefined;
  const backends = options.backends ?? (await createBackendsFromConfig(config, options.backendOptions));
  try {
    const now = () => performance.timeOrigin + performance.now();
    const routerOf = (narrowed: SwitchyardConfig): Router =>
      createRouterFromConfig(narrowed, {
        registry: options.registry,
        defaultPolicyNames: options.defaultPolicyNames,
        backends,
        now,
        ...(options.execution === undefined ? {} : { execution: options.execution }),
      });
    const lanes: LiveLane[] =
      compared === undefined
        ? [{ name: 'routed', router: routerOf(config) }]
        : compared.map((target) => ({
            name: target.id,
            router: routerOf({ ...config, targets: [target], routingTable: emptyRoutingTable }),
          }));

    const workload = buildWorkloadItems({
      sharedDir: options.sharedDir,
      size: Math.max(options.requests * 5, options.requests + 50),
      seed: options.seed,
      mix: fullMix(options.mix),
      hintRates: noHints,
    });
    const selection = selectLiveRequests(workload, lanes, {
      wanted: options.requests,
      maxOutputTokens: options.maxOutputTokens,
    });
    const usedTargets = compared ?? config.targets;
    const warmUps = selection.items.length === 0 ? [] : await warmUpEmbedded(config, usedTargets, backends);

    const jobs: LiveJob[] = selection.items.flatMap((item) => lanes.map((lane) => ({ lane, item })));
    options.progress?.start(jobs.length);
    let result: Awaited<ReturnType<typeof runLiveJobs>>;
    try {
      result = await runLiveJobs(jobs, {
        concurrency: options.concurrency,
        deadlineMs: options.deadlineMs,
        onSettled: (record) => options.progress?.tick(record.outcome === 'error'),
      });
    } finally {
      options.progress?.stop();
    }
    const { records } = result;
    const answered = records.filter((record) => record.outcome === 'ok');
    const outputTokens = answered.reduce((sum, record) => sum + (record.usage?.outputTokens ?? 0), 0);
    const seconds = result.wallMs / 1000;

    return {
      benchmark: 'live',
      machine: describeMachine(),
      startedAt: new Date(Date.now() - result.wallMs).toISOString(),
      config: {
        source: options.configSource,
        targets: config.targets.map((target) => ({
          id: target.id,
          kind: target.kind,
          locality: target.locality,
          tier: target.tier,
          model: target.model,
          contextWindow: target.capabilities.contextWindow,
        })),
      },
      mode: compare === undefined ? 'routed' : 'compare',
      settings: {
        requests: options.requests,
        concurrency: options.concurrency,
        deadlineMs: options.deadlineMs,
        mix: options.mix,
        maxOutputTokens: options.maxOutputTokens,
        seed: options.seed,
        ...(compare === undefined ? {} : { compare }),
      },
      warmUps,
      selection: {
        wanted: options.requests,
        selected: selection.items.length,
        considered: selection.considered,
        byKind: tally(selection.items.map((item) => item.kind)),
        skipped: selection.skipped,
      },
      run: {
        wallMs: round(result.wallMs),
        deadlineReached: result.deadlineReached,
        notStarted: result.notStarted,
        sent: records.length,
        ok: answered.length,
        errors: records.filter((record) => record.outcome === 'error').length,
        cut: records.filter((record) => record.outcome === 'cut').length,
        errorsByCode: tally(
          records.flatMap((record) => (record.outcome === 'error' ? [record.errorCode ?? 'unknown'] : [])),
        ),
        latencyMs: livePercentiles(answered.map((record) => record.latencyMs)),
        ttftMs: livePercentiles(
          answered.flatMap((record) => (record.ttftMs === undefined ? [] : [record.ttftMs])),
        ),
        requestsPerSecond: seconds > 0 ? round(answered.length / seconds) : 0,
        outputTokensPerSecond: seconds > 0 ? round(outputTokens / seconds) : 0,
      },
      targets: summarizeLiveTargets(records, usedTargets),
      agreement: compared === undefined ? [] : summarizeLiveAgreement(records, compared),
      requests: records.map(summarizeRequest),
    };
  } finally {
    if (ownsBackends) await Promise.allSettled(Object.values(backends).map((backend) => backend.close?.()));
  }
}

function targetById(config: SwitchyardConfig, id: string): Target {
  const target = config.targets.find((candidate) => candidate.id === id);
  if (target === undefined) {
    throw new RangeError(
      `--compare: no target '${id}' in the config; its targets: ${config.targets.map((known) => known.id).join(', ')}`,
    );
  }
  return target;
}

function fullMix(mix: Readonly<Partial<Record<WorkloadKind, number>>>): Record<WorkloadKind, number> {
  return {
    'plain-chat': mix['plain-chat'] ?? 0,
    'multi-turn-chat': mix['multi-turn-chat'] ?? 0,
    'tool-call': mix['tool-call'] ?? 0,
    'tool-chain': mix['tool-chain'] ?? 0,
    'structured-output': mix['structured-output'] ?? 0,
    'long-context': mix['long-context'] ?? 0,
    image: mix.image ?? 0,
  };
}

/** Loads each embedded model the run uses before the clock starts, as `switchyard serve` does. */
async function warmUpEmbedded(
  config: SwitchyardConfig,
  targets: readonly Target[],
  backends: Readonly<Record<string, BackendV1>>,
): Promise<LiveWarmUp[]> {
  const warmUps: LiveWarmUp[] = [];
  for (const backendConfig of config.backends) {
    const backend = backends[backendConfig.id];
    const target = targets.find((candidate) => candidate.backend === backendConfig.id);
    if (backendConfig.kind !== 'embedded' || backend?.warmUp === undefined || target === undefined) continue;
    const startedAt = performance.now();
    try {
      await backend.warmUp(target.model);
      warmUps.push({ backend: backendConfig.id, milliseconds: round(performance.now() - startedAt) });
    } catch (error) {
      warmUps.push({
        backend: backendConfig.id,
        milliseconds: round(performance.now() - startedAt),
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return warmUps;
}

function summarizeRequest(record: LiveRequestRecord): LiveRequestSummary {
  const {
    answer: _answer,
    attempts,
    usage,
    structured,
    errorMessage: _message,
    latencyMs,
    ttftMs,
    ...rest
  } = record;
  return {
    ...rest,
    latencyMs: round(latencyMs),
    ...(ttftMs === undefined ? {} : { ttftMs: round(ttftMs) }),
    calls: attempts.length,
    ...(usage === undefined ? {} : { outputTokens: usage.outputTokens }),
    ...(structured === undefined ? {} : { valid: structured.valid }),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
