import {
  createRouterFromConfig,
  NoRouteError,
  type PolicyFactory,
  type RequestProfile,
  type Router,
  type SwitchyardConfig,
} from '@switchyard/core';
import {
  builtinPolicies,
  type DifficultyScorer,
  defaultPolicyNames,
  type LearnedScorerEnvironment,
  type LearnedScorerPolicy,
  learnedScorerPolicy,
  scorerRoutingPolicy,
} from '@switchyard/policies';
import { createSeededRandom } from '../workload/seeded-random.js';
import type { BenchRow } from './bench-row.js';
import type { RoutingOutcomes, ScorerRun } from './evaluate-routers.js';
import { type ProgressReporter, silentProgress } from './progress-reporter.js';
import { rowRequest } from './row-request.js';

/** A scorer to evaluate on its own, beside the pipeline. */
export type NamedScorer = {
  readonly name: string;
  readonly scorer: DifficultyScorer;
  readonly threshold: number;
};

/** The routed rows, and what every router decided for them. */
export type BenchRouting = {
  /** Rows the pipeline could route (rows with no route are left out of every router). */
  readonly rows: BenchRow[];
  readonly profiles: RequestProfile[];
  readonly outcomes: RoutingOutcomes;
  /** Rows the pipeline found no route for, and the first such error. */
  readonly noRoute: number;
  readonly noRouteExample: string | undefined;
  /** The policy names of the pipeline, in order. */
  readonly policies: readonly string[];
};

/** Options of {@link routeBenchRows}. */
export type RouteBenchRowsOptions = {
  readonly scorers?: readonly NamedScorer[];
  readonly progress?: ProgressReporter;
  /** Seed of the routers' `random()` (default 7). */
  readonly seed?: number;
};

function buildRouter(config: SwitchyardConfig, seed: number, forcedThreshold?: number): Router {
  const registry: Record<string, PolicyFactory> = { ...builtinPolicies };
  if (forcedThreshold !== undefined) {
    registry['learned-scorer'] = (options, environment) =>
      scorerRoutingPolicy(
        learnedScorerPolicy(options as never, environment as LearnedScorerEnvironment).scorer,
        forcedThreshold,
      );
  }
  const random = createSeededRandom(seed);
  return createRouterFromConfig(config, {
    registry,
    defaultPolicyNames,
    now: () => 0,
    random: random.next,
    requestId: () => 'bench',
  });
}

/**
 * Routes every row through the config's policy pipeline: "strong" when the decision's primary
 * target is cloud, "weak" when it is local. When the pipeline holds a `learned-scorer`, each row
 * is also routed with that scorer forced to say "strong" and "weak", and its score is kept, so the
 * bench can draw the pipeline's whole curve over the scorer's cut-off without routing again.
 *
 * @example
 * const routing = routeBenchRows(rows, config, { progress });
 */
export function routeBenchRows(
  rows: readonly BenchRow[],
  config: SwitchyardConfig,
  options: RouteBenchRowsOptions = {},
): BenchRouting {
  const seed = options.seed ?? 7;
  const router = buildRouter(config, seed);
  const learned = router.policies.filter(
    (policy): policy is LearnedScorerPolicy => policy.name === 'learned-scorer' && 'scorer' in policy,
  );
  const scorerPolicy = learned[learned.length - 1];
  const high = scorerPolicy === undefined ? undefined : buildRouter(config, seed, 0);
  const low = scorerPolicy === undefined ? undefined : buildRouter(config, seed, Number.POSITIVE_INFINITY);
  const scorers = options.scorers ?? [];

  const kept: BenchRow[] = [];
  const profiles: RequestProfile[] = [];
  const pipeline: boolean[] = [];
  const sweepScores: number[] = [];
  const highSide: boolean[] = [];
  const lowSide: boolean[] = [];
  const scorerScores: number[][] = scorers.map(() => []);
  let noRoute = 0;
  let noRouteExample: string | undefined;
  const task = (options.progress ?? silentProgress).start('routing rows', rows.length);
  rows.forEach((row, index) => {
    const request = rowRequest(row.row);
    const profile = router.profile(request);
    try {
      const decision = router.route(request, { profile, requestId: row.row.id });
      const strongWith = (other: Router) =>
        other.route(request, { profile, requestId: row.row.id }).locality === 'cloud';
      if (scorerPolicy !== undefined && high !== undefined && low !== undefined) {
        sweepScores.push(scorerPolicy.scorer.score(request, profile));
        highSide.push(strongWith(high));
        lowSide.push(strongWith(low));
      }
      pipeline.push(decision.locality === 'cloud');
    } catch (error) {
      if (!NoRouteError.isInstance(error)) throw error;
      noRoute++;
      noRouteExample ??= `${row.row.id}: ${error.message}`;
      task.update(index + 1);
      return;
    }
    kept.push(row);
    profiles.push(profile);
    scorers.forEach((named, position) => {
      scorerScores[position]?.push(named.scorer.score(request, profile));
    });
    task.update(index + 1);
  });
  task.stop();

  const scorerRuns: ScorerRun[] = scorers.map((named, position) => ({
    name: named.name,
    scores: scorerScores[position] as number[],
    threshold: named.threshold,
  }));
  return {
    rows: kept,
    profiles,
    outcomes: {
      pipeline,
      ...(scorerPolicy === undefined
        ? {}
        : {
            pipelineSweep: {
              scores: sweepScores,
              high: highSide,
              low: lowSide,
              threshold: scorerPolicy.threshold,
            },
          }),
      scorers: scorerRuns,
    },
    noRoute,
    noRouteExample,
    policies: router.policies.map((policy) => policy.name),
  };
}
