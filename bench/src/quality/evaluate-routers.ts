import { createSeededRandom } from '../workload/seeded-random.js';
import {
  averagePerformanceGapRecovered,
  type CurvePoint,
  type CurveRow,
  callPerformanceThreshold,
  pairMeans,
  pointAtShare,
  randomCurve,
  routedPoint,
  sweepCurve,
} from './quality-curve.js';
import type { RouterResult } from './router-result.js';

/** A scorer evaluated on its own: row `i` goes strong when `scores[i] ≥ threshold`. */
export type ScorerRun = {
  readonly name: string;
  readonly scores: readonly number[];
  /** The operating point's cut-off. */
  readonly threshold: number;
};

/** Everything the routers decided for a group of rows (arrays aligned with `rows`). */
export type RoutingOutcomes = {
  /** The config's pipeline at its own settings. */
  readonly pipeline: readonly boolean[];
  /** With a learned scorer in the pipeline: its scores, and where the pipeline sends each row when the scorer says strong / weak. */
  readonly pipelineSweep?: {
    readonly scores: readonly number[];
    readonly high: readonly boolean[];
    readonly low: readonly boolean[];
    readonly threshold: number;
  };
  readonly scorers: readonly ScorerRun[];
};

/** Options of {@link evaluateRouters}. */
export type EvaluateRoutersOptions = {
  /** Whether both sides have prices (else costs are `null`). */
  readonly costsKnown: boolean;
  /** Seed of the random baseline (default 7). */
  readonly seed?: number;
  /** Random orders averaged for the random baseline (default 20). */
  readonly randomRuns?: number;
};

function metrics(curve: readonly CurvePoint[]) {
  return {
    apgr: averagePerformanceGapRecovered(curve),
    cpt50: callPerformanceThreshold(curve, 0.5),
    cpt80: callPerformanceThreshold(curve, 0.8),
    cpt95: callPerformanceThreshold(curve, 0.95),
  };
}

/** The last point of a sweep at or above a cut-off (rows with score ≥ threshold flipped). */
function pointAtThreshold(curve: readonly CurvePoint[], threshold: number): CurvePoint {
  let chosen = curve[0] as CurvePoint;
  for (const point of curve) {
    if ((point.threshold ?? Number.POSITIVE_INFINITY) >= threshold) chosen = point;
  }
  return chosen;
}

/**
 * Scores every router on one group of rows: the pipeline (its operating point, and the sweep of
 * its learned scorer when it has one), stand-alone scorers, and the baselines — all-weak,
 * all-strong, random (mean of seeded random orders; its operating point at the pipeline's strong share, so the two
 * compare at equal cost), and oracle (strong exactly where it scores higher).
 *
 * @example
 * const results = evaluateRouters(rows, outcomes, { costsKnown: true });
 */
export function evaluateRouters(
  rows: readonly CurveRow[],
  outcomes: RoutingOutcomes,
  options: EvaluateRoutersOptions,
): RouterResult[] {
  const means = pairMeans(rows);
  const cost = (value: number) => (options.costsKnown ? value : null);
  const savings = (value: number) =>
    options.costsKnown && means.strongCostUsd > 0
      ? ((means.strongCostUsd - value) / means.strongCostUsd) * 100
      : null;
  const result = (
    name: string,
    description: string,
    point: CurvePoint,
    curve: readonly CurvePoint[],
    swept: boolean,
  ): RouterResult => ({
    name,
    description,
    strongShare: point.share,
    quality: point.quality,
    pgr: point.pgr,
    costUsd: cost(point.costUsd),
    savingsPct: savings(point.costUsd),
    ...metrics(curve),
    ...(swept && point.threshold !== undefined && Number.isFinite(point.threshold)
      ? { threshold: point.threshold }
      : {}),
    curve,
  });

  const results: RouterResult[] = [];
  const pipelinePoint = routedPoint(rows, outcomes.pipeline);
  if (outcomes.pipelineSweep === undefined) {
    results.push(result('pipeline', "the config's policies", pipelinePoint, [pipelinePoint], false));
  } else {
    const sweep = outcomes.pipelineSweep;
    const curve = sweepCurve(rows, sweep);
    results.push({
      ...result(
        'pipeline',
        `the config's policies; curve: learned-scorer cut-off swept, point at ${sweep.threshold}`,
        pipelinePoint,
        curve,
        false,
      ),
      threshold: sweep.threshold,
    });
  }
  for (const scorer of outcomes.scorers) {
    const curve = sweepCurve(rows, { scores: scorer.scores });
    const point = pointAtThreshold(curve, scorer.threshold);
    results.push(
      result(scorer.name, `scorer alone; point at cut-off ${scorer.threshold}`, point, curve, true),
    );
  }
  const allWeak = routedPoint(
    rows,
    rows.map(() => false),
  );
  const allStrong = routedPoint(
    rows,
    rows.map(() => true),
  );
  const endpoints = (point: CurvePoint): RouterResult => ({
    ...result('', '', point, [allWeak, allStrong], false),
    apgr: null,
    cpt50: null,
    cpt80: null,
    cpt95: null,
  });
  results.push({ ...endpoints(allWeak), name: 'all-weak', description: 'every row to the weak model' });
  results.push({ ...endpoints(allStrong), name: 'all-strong', description: 'every row to the strong model' });
  const runs = options.randomRuns ?? 20;
  const random = randomCurve(rows, createSeededRandom(options.seed ?? 7).next, runs);
  const randomPoint = pointAtShare(random, pipelinePoint.share);
  results.push(
    result(
      'random',
      `random order (mean of ${runs} seeded runs); point at the pipeline's strong share`,
      randomPoint,
      random,
      false,
    ),
  );
  const gains = rows.map((row) => row.strong - row.weak);
  const oracleCurve = sweepCurve(rows, { scores: gains });
  const oraclePoint = routedPoint(
    rows,
    gains.map((gain) => gain > 0),
  );
  results.push(
    result('oracle', 'strong exactly where it scores higher (upper bound)', oraclePoint, oracleCurve, false),
  );
  return results;
}
