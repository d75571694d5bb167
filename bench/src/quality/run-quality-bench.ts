import { basename, dirname, resolve } from 'node:path';
import { estimateCostUsd, loadConfigFile, type SwitchyardConfig } from '@switchyard/core';
import { createDifficultyScorer, DEFAULT_SCORER_THRESHOLD, loadScorerWeights } from '@switchyard/policies';
import { defaultBenchConfig } from './bench-config-text.js';
import { type PricingChoice, resolveBenchPricing } from './bench-pricing.js';
import { type BenchRow, type PairChoice, selectPairRows } from './bench-row.js';
import { evaluateRouters, type RoutingOutcomes } from './evaluate-routers.js';
import type { ProgressReporter } from './progress-reporter.js';
import type { CurveRow } from './quality-curve.js';
import type { GroupReport, QualityReport } from './quality-report.js';
import { readLabeledRows } from './read-labeled-rows.js';
import { resolveScorerPaths } from './resolve-scorer-paths.js';
import { type NamedScorer, routeBenchRows } from './route-bench-rows.js';
import { rowTokenCounts } from './row-tokens.js';
import { normalizeScore, observedScales, scoreScale } from './score-scale.js';

/** Settings of {@link runQualityBench}. */
export type QualityBenchOptions = PairChoice &
  PricingChoice & {
    /** Labeled JSONL in the schema of routing/train.jsonl. */
    readonly dataPath: string;
    /** How reports name the data file (default `dataPath`). */
    readonly dataLabel?: string;
    /** Config whose policy pipeline is scored (default: the built-in bench config). */
    readonly configPath?: string;
    /** How reports name the config file (default `configPath`). */
    readonly configLabel?: string;
    /** Weights files of scorers to score on their own as well. */
    readonly scorerPaths?: readonly string[];
    readonly progress?: ProgressReporter;
    /** Seed of the random baseline (default 7). */
    readonly seed?: number;
    /** Variables for `${VAR}` in the config (default `process.env`). */
    readonly env?: Readonly<Record<string, string | undefined>>;
  };

function subsetOutcomes(outcomes: RoutingOutcomes, indices: readonly number[]): RoutingOutcomes {
  const pick = <Value>(values: readonly Value[]) => indices.map((index) => values[index] as Value);
  const sweep = outcomes.pipelineSweep;
  return {
    pipeline: pick(outcomes.pipeline),
    ...(sweep === undefined
      ? {}
      : {
          pipelineSweep: {
            scores: pick(sweep.scores),
            high: pick(sweep.high),
            low: pick(sweep.low),
            threshold: sweep.threshold,
          },
        }),
    scorers: outcomes.scorers.map((scorer) => ({ ...scorer, scores: pick(scorer.scores) })),
  };
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/**
 * Runs the quality bench: reads labeled rows, routes each one through the config's policies, and
 * scores the pipeline, any stand-alone scorers and the baselines (all-weak, all-strong, random,
 * oracle) on all rows (scores normalised to 0–1 per score type), per source and per category
 * (native units): strong share, quality, PGR, APGR, CPT(50/80/95 %), cost and savings.
 *
 * @example
 * const report = await runQualityBench({ dataPath: '../shared/data/routing/train.jsonl', configPath: 'bench/tuned.config.yaml' });
 * report.sources.map((source) => [source.label, source.routers[0].apgr]);
 */
export async function runQualityBench(options: QualityBenchOptions): Promise<QualityReport> {
  const labeled = readLabeledRows(options.dataPath);
  const selection = selectPairRows(labeled, options);
  if (selection.rows.length === 0) {
    const pair = `${options.weakModel ?? 'each row’s weak_model'} / ${options.strongModel ?? 'each row’s strong_model'}`;
    throw new Error(
      `no row of ${options.dataPath} has scores for the pair ${pair} (${selection.skipped} rows skipped)`,
    );
  }
  let config: SwitchyardConfig;
  if (options.configPath === undefined) config = defaultBenchConfig();
  else {
    const loaded = await loadConfigFile(
      options.configPath,
      options.env === undefined ? {} : { env: options.env },
    );
    config = resolveScorerPaths(loaded, dirname(resolve(options.configPath)));
  }
  const pricing = resolveBenchPricing(config, options);
  const scorers: NamedScorer[] = (options.scorerPaths ?? []).map((path) => {
    const scorer = createDifficultyScorer(loadScorerWeights(resolve(path)));
    return {
      name: `scorer:${basename(path)}`,
      scorer,
      threshold: scorer.recommendedThreshold ?? DEFAULT_SCORER_THRESHOLD,
    };
  });
  const routing = routeBenchRows(selection.rows, config, {
    scorers,
    ...(options.progress === undefined ? {} : { progress: options.progress }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  const rows = routing.rows;
  const tokens = rowTokenCounts(rows, (index) => routing.profiles[index]?.expectedOutputTokens ?? 0);
  const costsKnown = pricing.weak.price !== undefined && pricing.strong.price !== undefined;
  const costOf = (price: typeof pricing.weak.price, prompt: number, output: number) =>
    price === undefined ? 0 : (estimateCostUsd({ price }, prompt, output) ?? 0);
  const nativeRows: CurveRow[] = rows.map((row, index) => {
    const counted = tokens.rows[index] as (typeof tokens.rows)[number];
    return {
      weak: row.weak,
      strong: row.strong,
      weakCostUsd: costOf(pricing.weak.price, counted.prompt, counted.weakOutput),
      strongCostUsd: costOf(pricing.strong.price, counted.prompt, counted.strongOutput),
    };
  });
  const scales = observedScales(rows);
  const normalizedRows: CurveRow[] = rows.map((row, index) => {
    const scale = scoreScale(row.row.scoreType, scales.get(row.row.scoreType));
    const native = nativeRows[index] as CurveRow;
    return { ...native, weak: normalizeScore(row.weak, scale), strong: normalizeScore(row.strong, scale) };
  });

  const group = (
    label: string,
    indices: readonly number[],
    curveRows: readonly CurveRow[],
    extra: Partial<GroupReport>,
  ): GroupReport => {
    const members = indices.map((index) => rows[index] as BenchRow);
    const groupRows = indices.map((index) => curveRows[index] as CurveRow);
    const routers = evaluateRouters(groupRows, subsetOutcomes(routing.outcomes, indices), {
      costsKnown,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
    });
    const allWeak = routers.find((router) => router.name === 'all-weak');
    const allStrong = routers.find((router) => router.name === 'all-strong');
    return {
      label,
      rows: indices.length,
      scoreType: distinct(members.map((member) => member.row.scoreType)).join(', '),
      weakModels: distinct(members.map((member) => member.weakModel)),
      strongModels: distinct(members.map((member) => member.strongModel)),
      weakQuality: allWeak?.quality ?? 0,
      strongQuality: allStrong?.quality ?? 0,
      routers,
      ...extra,
    };
  };
  const indicesBy = (key: (row: BenchRow) => string) => {
    const groups = new Map<string, number[]>();
    rows.forEach((row, index) => {
      const name = key(row);
      const list = groups.get(name) ?? [];
      list.push(index);
      groups.set(name, list);
    });
    return groups;
  };
  const all = rows.map((_, index) => index);
  const overall = group('all sources', all, normalizedRows, { scoreType: 'normalised 0–1' });
  const sources = [...indicesBy((row) => row.row.source).entries()].map(([source, indices]) =>
    group(source, indices, nativeRows, { source }),
  );
  const categories = [...indicesBy((row) => `${row.row.source}\u0000${row.row.category}`).entries()]
    .map(([key, indices]) => {
      const [source, category] = key.split('\u0000') as [string, string];
      return group(`${source} · ${category || '(none)'}`, indices, nativeRows, { source, category });
    })
    .sort((left, right) => left.label.localeCompare(right.label));

  return {
    data: {
      path: options.dataLabel ?? options.dataPath,
      rows: labeled.length,
      used: rows.length,
      skipped: selection.skipped,
      skippedBySource: selection.skippedBySource,
      noRoute: routing.noRoute,
      ...(routing.noRouteExample === undefined ? {} : { noRouteExample: routing.noRouteExample }),
      promptTokensCounted: tokens.promptCounted,
      outputTokensEstimated: tokens.outputEstimated,
    },
    config: { path: options.configLabel ?? options.configPath ?? null, policies: routing.policies },
    pair: { weakModel: options.weakModel ?? null, strongModel: options.strongModel ?? null },
    pricing: {
      weak: { label: pricing.weak.label, price: pricing.weak.price ?? null },
      strong: { label: pricing.strong.label, price: pricing.strong.price ?? null },
      costsKnown,
    },
    overall,
    sources,
    categories,
  };
}
