import { estimateCostUsd, parseConfig, profileRequest, type SwitchyardConfig } from '@switchyard/core';
import type { ScorerWeights } from '@switchyard/policies';
import { benchConfigText } from '../quality/bench-config-text.js';
import { resolveBenchPricing } from '../quality/bench-pricing.js';
import { type BenchRow, type PairChoice, selectPairRows } from '../quality/bench-row.js';
import { type ProgressReporter, silentProgress } from '../quality/progress-reporter.js';
import {
  averagePerformanceGapRecovered,
  type CurvePoint,
  type CurveRow,
  callPerformanceThreshold,
  pairMeans,
  routedPoint,
  sweepCurve,
} from '../quality/quality-curve.js';
import { readLabeledRows } from '../quality/read-labeled-rows.js';
import { routeBenchRows } from '../quality/route-bench-rows.js';
import { rowRequest } from '../quality/row-request.js';
import { rowTokenCounts } from '../quality/row-tokens.js';
import { normalizeScore, observedScales, scoreScale } from '../quality/score-scale.js';
import { assignFolds } from '../scorer/assign-folds.js';
import { rowFeatures } from '../scorer/featurize-row.js';
import { outOfFoldScores } from '../scorer/out-of-fold-scores.js';
import {
  defaultScorerTrainingOptions,
  type ScorerTrainingOptions,
  scoreFeatures,
  trainDifficultyScorer,
  weightTable,
} from '../scorer/train-difficulty-scorer.js';
import { chooseOperatingPoint, meetsGoal } from './choose-operating-point.js';
import {
  policiesYaml,
  type TieringCandidate,
  tieringCandidates,
  tieringPolicyYaml,
} from './tiering-candidates.js';
import type { TuneGoal } from './tune-goal.js';

/** Settings of {@link runTune}. */
export type TuneOptions = PairChoice & {
  readonly dataPath: string;
  /** How reports name the data file (default `dataPath`). */
  readonly dataLabel?: string;
  readonly goal: TuneGoal;
  /** Cross-validation folds (default 5). */
  readonly folds?: number;
  /** Seed of the fold split (default fixed). */
  readonly seed?: number;
  readonly training?: ScorerTrainingOptions;
  readonly progress?: ProgressReporter;
};

/** An operating point summarised for the report (quality normalised 0–1 across sources). */
export type PointSummary = {
  readonly share: number;
  readonly quality: number;
  readonly pgr: number | null;
  readonly costUsd: number;
  readonly savingsPct: number;
  readonly meetsGoal: boolean;
};

/** Cross-validated and training-fit results of one family of settings. */
export type FamilyResult<Setting> = {
  /** Held-out decisions of every fold, pooled: the estimate for unseen prompts. */
  readonly crossValidated: PointSummary;
  /** Per fold: the setting chosen on the other folds, and how it did on this one. */
  readonly folds: readonly {
    readonly setting: Setting;
    readonly share: number;
    readonly pgr: number | null;
  }[];
  /** The setting chosen on all rows (what the tuned config uses). */
  readonly chosen: Setting;
  /** The chosen setting on the rows it was chosen on (optimistic; for contrast only). */
  readonly trainingFit: PointSummary;
};

/** Per-source curve metrics of the learned scorer, cross-validated. */
export type SourceMetrics = {
  readonly source: string;
  readonly rows: number;
  readonly scoreType: string;
  readonly weakQuality: number;
  readonly strongQuality: number;
  readonly apgr: number | null;
  readonly cpt50: number | null;
  readonly cpt80: number | null;
  readonly cpt95: number | null;
  /** The same metrics of the final model on its own training rows (optimistic). */
  readonly trainingFitApgr: number | null;
  /** The tuned cut-off applied to the held-out scores of this source. */
  readonly crossValidatedShare: number;
  readonly crossValidatedPgr: number | null;
};

/** Everything a tuning run found. */
export type TuneResult = {
  readonly dataPath: string;
  readonly goal: TuneGoal;
  readonly folds: number;
  readonly rows: number;
  readonly skipped: number;
  readonly training: ScorerTrainingOptions;
  readonly pricing: { readonly weak: string; readonly strong: string };
  readonly tiering: FamilyResult<TieringCandidate>;
  readonly scorer: FamilyResult<{ readonly threshold: number }> & {
    readonly sources: readonly SourceMetrics[];
    /** All sources, normalised: APGR of the held-out scores. */
    readonly apgr: number | null;
    readonly weights: ScorerWeights;
  };
  /** The family the tuned config uses. */
  readonly chosen: 'tiering' | 'learned-scorer';
};

function summary(point: CurvePoint, means: ReturnType<typeof pairMeans>, goal: TuneGoal): PointSummary {
  return {
    share: point.share,
    quality: point.quality,
    pgr: point.pgr,
    costUsd: point.costUsd,
    savingsPct:
      means.strongCostUsd > 0 ? ((means.strongCostUsd - point.costUsd) / means.strongCostUsd) * 100 : 0,
    meetsGoal: meetsGoal(point, goal),
  };
}

function subset<Value>(values: readonly Value[], indices: readonly number[]): Value[] {
  return indices.map((index) => values[index] as Value);
}

/** A threshold that sends the rows of a sweep point strong (a finite number in [0, 1]). */
function thresholdOf(point: CurvePoint): number {
  const threshold = point.threshold ?? Number.POSITIVE_INFINITY;
  return Number.isFinite(threshold) ? threshold : 1;
}

/**
 * Tunes the capability policies for a goal with k-fold cross-validation (folds split by prompt,
 * turns of one conversation together, every source in every fold):
 *
 * - tiering: each setting of the grid (cloud token threshold, default tier, small categories) is
 *   routed through the full default pipeline; per fold the setting that best meets the goal on
 *   the other folds is applied to the held-out fold;
 * - learned scorer: trained on the other folds, it scores the held-out fold; per fold the cut-off
 *   that best meets the goal on the other folds' held-out scores is applied to this fold.
 *
 * The pooled held-out decisions are the cross-validated estimate. The family whose estimate best
 * meets the goal is chosen; its final setting is chosen on all rows (for the scorer: the cut-off
 * on all held-out scores, the weights trained on all rows).
 *
 * @example
 * const result = await runTune({ dataPath: 'train.jsonl', goal: parseTuneGoal('quality>=0.95') });
 */
export async function runTune(options: TuneOptions): Promise<TuneResult> {
  const foldCount = options.folds ?? 5;
  const training = options.training ?? defaultScorerTrainingOptions;
  const progress = options.progress ?? silentProgress;
  const labeled = readLabeledRows(options.dataPath);
  const selection = selectPairRows(labeled, options);
  const rows = selection.rows;
  if (rows.length < foldCount * 2) {
    throw new Error(
      `${options.dataPath}: ${rows.length} usable rows are too few for ${foldCount}-fold cross-validation`,
    );
  }
  const baseConfig: SwitchyardConfig = parseConfig(
    benchConfigText({ header: '#', policies: policiesYaml('  - tiering\n') }),
    { env: {} },
  );
  const pricing = resolveBenchPricing(baseConfig);
  const profiles = rows.map((row) => profileRequest(rowRequest(row.row)));
  const tokens = rowTokenCounts(rows, (index) => profiles[index]?.expectedOutputTokens ?? 0);
  const scales = observedScales(rows);
  const curveRows: CurveRow[] = rows.map((row, index) => {
    const scale = scoreScale(row.row.scoreType, scales.get(row.row.scoreType));
    const counted = tokens.rows[index] as (typeof tokens.rows)[number];
    const cost = (price: typeof pricing.weak.price, output: number) =>
      price === undefined ? 0 : (estimateCostUsd({ price }, counted.prompt, output) ?? 0);
    return {
      weak: normalizeScore(row.weak, scale),
      strong: normalizeScore(row.strong, scale),
      weakCostUsd: cost(pricing.weak.price, counted.weakOutput),
      strongCostUsd: cost(pricing.strong.price, counted.strongOutput),
    };
  });
  const means = pairMeans(curveRows);
  const foldOf = assignFolds(rows, foldCount, options.seed);
  const inFold = (fold: number) => rows.map((_, index) => index).filter((index) => foldOf[index] === fold);
  const outOfFold = (fold: number) => rows.map((_, index) => index).filter((index) => foldOf[index] !== fold);
  const all = rows.map((_, index) => index);

  // Tiering: route every row under every candidate.
  const candidates = tieringCandidates();
  const routeTask = progress.start('routing tiering grid', candidates.length);
  const decisions = candidates.map((candidate, index) => {
    const config = parseConfig(
      benchConfigText({ header: '#', policies: policiesYaml(tieringPolicyYaml(candidate)) }),
      { env: {} },
    );
    const routed = routeBenchRows(rows, config).outcomes.pipeline;
    routeTask.update(index + 1);
    return routed;
  });
  routeTask.stop();
  const chooseCandidate = (indices: readonly number[]) =>
    chooseOperatingPoint(
      decisions.map((decision) => routedPoint(subset(curveRows, indices), subset(decision, indices))),
      options.goal,
    );
  const tieringHeldOut: boolean[] = new Array(rows.length).fill(false);
  const tieringFolds: FamilyResult<TieringCandidate>['folds'][number][] = [];
  for (let fold = 0; fold < foldCount; fold++) {
    const chosen = chooseCandidate(outOfFold(fold));
    const held = inFold(fold);
    for (const index of held) tieringHeldOut[index] = (decisions[chosen] as boolean[])[index] as boolean;
    const point = routedPoint(subset(curveRows, held), subset(decisions[chosen] as boolean[], held));
    tieringFolds.push({
      setting: candidates[chosen] as TieringCandidate,
      share: point.share,
      pgr: point.pgr,
    });
  }
  const finalCandidate = chooseCandidate(all);
  const tiering: FamilyResult<TieringCandidate> = {
    crossValidated: summary(routedPoint(curveRows, tieringHeldOut), means, options.goal),
    folds: tieringFolds,
    chosen: candidates[finalCandidate] as TieringCandidate,
    trainingFit: summary(routedPoint(curveRows, decisions[finalCandidate] as boolean[]), means, options.goal),
  };

  // Learned scorer: held-out scores from k models, then a cut-off per fold.
  const featureTask = progress.start('extracting features', rows.length);
  const features = rows.map((row, index) => {
    const result = rowFeatures(row.row, training.features);
    if (index % 256 === 0) featureTask.update(index + 1);
    return result;
  });
  featureTask.stop();
  const trainTask = progress.start('training (cross-validation)', foldCount + 1);
  const { scores } = outOfFoldScores(rows, features, foldOf, training, (done) => trainTask.update(done));
  const scoreList = [...scores];
  const chooseThreshold = (indices: readonly number[]) => {
    const curve = sweepCurve(subset(curveRows, indices), { scores: subset(scoreList, indices) });
    return thresholdOf(curve[chooseOperatingPoint(curve, options.goal)] as CurvePoint);
  };
  const scorerHeldOut: boolean[] = new Array(rows.length).fill(false);
  const scorerFolds: { setting: { threshold: number }; share: number; pgr: number | null }[] = [];
  for (let fold = 0; fold < foldCount; fold++) {
    const threshold = chooseThreshold(outOfFold(fold));
    const held = inFold(fold);
    for (const index of held) scorerHeldOut[index] = (scores[index] as number) >= threshold;
    const point = routedPoint(subset(curveRows, held), subset(scorerHeldOut, held));
    scorerFolds.push({ setting: { threshold }, share: point.share, pgr: point.pgr });
  }
  const finalThreshold = chooseThreshold(all);
  const final = trainDifficultyScorer(rows, features, training);
  trainTask.update(foldCount + 1);
  trainTask.stop();
  const table = weightTable(final.weights);
  const fitScores = features.map((feature) => scoreFeatures(table, final.weights.bias, feature));
  const sources = [...new Set(rows.map((row) => row.row.source))].map((source): SourceMetrics => {
    const indices = all.filter((index) => (rows[index] as BenchRow).row.source === source);
    const native: CurveRow[] = indices.map((index) => ({
      ...(curveRows[index] as CurveRow),
      weak: (rows[index] as BenchRow).weak,
      strong: (rows[index] as BenchRow).strong,
    }));
    const curve = sweepCurve(native, { scores: subset(scoreList, indices) });
    const held = routedPoint(native, subset(scorerHeldOut, indices));
    const sourceMeans = pairMeans(native);
    return {
      source,
      rows: indices.length,
      scoreType: (rows[indices[0] as number] as BenchRow).row.scoreType,
      weakQuality: sourceMeans.weak,
      strongQuality: sourceMeans.strong,
      apgr: averagePerformanceGapRecovered(curve),
      cpt50: callPerformanceThreshold(curve, 0.5),
      cpt80: callPerformanceThreshold(curve, 0.8),
      cpt95: callPerformanceThreshold(curve, 0.95),
      trainingFitApgr: averagePerformanceGapRecovered(
        sweepCurve(native, { scores: subset(fitScores, indices) }),
      ),
      crossValidatedShare: held.share,
      crossValidatedPgr: held.pgr,
    };
  });
  const crossValidatedScorer = summary(routedPoint(curveRows, scorerHeldOut), means, options.goal);
  const weights: ScorerWeights = {
    ...final.weights,
    threshold: Number(finalThreshold.toPrecision(6)),
    training: {
      ...final.weights.training,
      data: options.dataLabel ?? options.dataPath,
      goal: options.goal,
      folds: foldCount,
      crossValidated: {
        apgr: averagePerformanceGapRecovered(sweepCurve(curveRows, { scores: scoreList })),
        strongShare: crossValidatedScorer.share,
        pgr: crossValidatedScorer.pgr,
        apgrBySource: Object.fromEntries(sources.map((source) => [source.source, source.apgr])),
      },
    },
  };
  const scorer = {
    crossValidated: crossValidatedScorer,
    folds: scorerFolds,
    chosen: { threshold: weights.threshold as number },
    trainingFit: summary(
      routedPoint(
        curveRows,
        fitScores.map((score) => score >= finalThreshold),
      ),
      means,
      options.goal,
    ),
    sources,
    apgr: averagePerformanceGapRecovered(sweepCurve(curveRows, { scores: scoreList })),
    weights,
  };
  return {
    dataPath: options.dataLabel ?? options.dataPath,
    goal: options.goal,
    folds: foldCount,
    rows: rows.length,
    skipped: selection.skipped,
    training,
    pricing: { weak: pricing.weak.label, strong: pricing.strong.label },
    tiering,
    scorer,
    chosen: preferScorer(scorer.crossValidated, tiering.crossValidated, options.goal)
      ? 'learned-scorer'
      : 'tiering',
  };
}

/** Slack when comparing the two families' cross-validated points with the goal (fold-to-fold noise). */
const GOAL_SLACK = 0.01;

/**
 * Whether the scorer's cross-validated point serves the goal at least as well as tiering's. A
 * point within {@link GOAL_SLACK} of the goal counts as meeting it here, so a 0.949 against a
 * 0.95 target is not thrown away for a far costlier 0.98; the report still shows the exact figures.
 */
function preferScorer(scorer: PointSummary, tiering: PointSummary, goal: TuneGoal): boolean {
  const nearly = (point: PointSummary) =>
    goal.kind === 'quality'
      ? (point.pgr ?? -1) >= goal.minPgr - GOAL_SLACK
      : point.share <= goal.maxShare + GOAL_SLACK;
  if (nearly(scorer) !== nearly(tiering)) return nearly(scorer);
  if (nearly(scorer))
    return goal.kind === 'quality' ? scorer.costUsd <= tiering.costUsd : scorer.quality >= tiering.quality;
  return goal.kind === 'quality' ? (scorer.pgr ?? -1) >= (tiering.pgr ?? -1) : scorer.share <= tiering.share;
}
