import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseConfig } from '@switchyard/core';
import { benchConfigText } from '../quality/bench-config-text.js';
import { formatFixed, formatShare } from '../quality/format-metric.js';
import { resolveScorerPaths } from '../quality/resolve-scorer-paths.js';
import { formatWeightsJson } from '../scorer/format-weights-json.js';
import { formatTuneReport } from './format-tune-report.js';
import type { TuneResult } from './run-tune.js';
import { policiesYaml, tieringPolicyYaml } from './tiering-candidates.js';
import { describeTuneGoal } from './tune-goal.js';

/** Where a tuning run writes. */
export type TuneOutputPaths = {
  /** The tuned config (YAML). */
  readonly config: string;
  /** The scorer weights (JSON); default `scorer/difficulty-scorer.json` beside the config. */
  readonly weights?: string;
  /** Folder for `tune-report.md` and `tune-report.json`; default: none. */
  readonly reportDirectory?: string;
  /** The command line, recorded in the config header and the report. */
  readonly command?: string;
};

/** The files a tuning run wrote. */
export type TuneOutputFiles = {
  readonly config: string;
  readonly weights: string | undefined;
  readonly report: string | undefined;
};

/**
 * The tuned config's YAML: the bench's targets, the default policy order with the chosen tiering
 * settings and — when the learned scorer won — a `learned-scorer` entry after `tiering` whose
 * `weightsPath` is relative to the config file. The header records the command and the
 * cross-validated estimate.
 *
 * @example
 * const text = tunedConfigText(result, 'scorer/difficulty-scorer.json', 'switchyard bench tune …');
 */
export function tunedConfigText(result: TuneResult, weightsPath: string, command?: string): string {
  const estimate =
    result.chosen === 'learned-scorer' ? result.scorer.crossValidated : result.tiering.crossValidated;
  const tieringEntry =
    result.chosen === 'tiering' ? tieringPolicyYaml(result.tiering.chosen) : '  - tiering\n';
  const scorerEntry =
    result.chosen === 'learned-scorer'
      ? `  # Last ranking policy, so its verdict is the primary key: difficulty ≥ threshold → cloud first.\n  - name: learned-scorer\n    options:\n      weightsPath: ${weightsPath}\n      threshold: ${result.scorer.chosen.threshold}\n`
      : '';
  const header = [
    '#',
    '# Tuned by `switchyard bench tune` — do not edit by hand; re-run the command instead.',
    ...(command === undefined ? [] : [`#   ${command}`]),
    `# Goal: ${describeTuneGoal(result.goal)}.`,
    `# Chosen: ${result.chosen}. Cross-validated (${result.folds} folds, ${result.rows} rows): strong share ${formatShare(estimate.share)}, PGR ${formatFixed(estimate.pgr, 3)}, savings ${formatFixed(estimate.savingsPct, 1)}% vs all-strong.`,
    '#',
    '# Score it on any labeled file in the schema of routing/train.jsonl:',
    '#   npx switchyard bench quality --data FILE --config bench/tuned.config.yaml',
  ].join('\n');
  return benchConfigText({ header, policies: policiesYaml(tieringEntry, scorerEntry) });
}

/**
 * Writes a tuning run's outputs: the tuned config, the scorer weights (when the scorer won) and
 * the report. The config is parsed back (with the weights) before anything is written, so a
 * written config always loads.
 *
 * @example
 * writeTuneOutputs(result, { config: 'bench/tuned.config.yaml', reportDirectory: 'bench/reports' });
 */
export function writeTuneOutputs(result: TuneResult, paths: TuneOutputPaths): TuneOutputFiles {
  const configPath = resolve(paths.config);
  const configDirectory = dirname(configPath);
  const weightsPath = resolve(paths.weights ?? join(configDirectory, 'scorer', 'difficulty-scorer.json'));
  const relativeWeights = relative(configDirectory, weightsPath).split('\\').join('/');
  const text = tunedConfigText(result, relativeWeights, paths.command);
  const weightsJson = formatWeightsJson(result.scorer.weights);
  const usesScorer = result.chosen === 'learned-scorer';
  if (usesScorer) {
    mkdirSync(dirname(weightsPath), { recursive: true });
    writeFileSync(weightsPath, weightsJson);
  }
  // Fail before writing the config if it would not load.
  resolveScorerPaths(parseConfig(text, { env: {}, source: configPath }), configDirectory);
  mkdirSync(configDirectory, { recursive: true });
  writeFileSync(configPath, text);
  let report: string | undefined;
  if (paths.reportDirectory !== undefined) {
    const folder = resolve(paths.reportDirectory);
    mkdirSync(folder, { recursive: true });
    report = join(folder, 'tune-report.md');
    writeFileSync(
      report,
      formatTuneReport(result, paths.command === undefined ? {} : { command: paths.command }),
    );
    const { weights: _weights, ...scorerSummary } = result.scorer;
    writeFileSync(join(folder, 'tune-report.json'), formatWeightsJson({ ...result, scorer: scorerSummary }));
  }
  return { config: configPath, weights: usesScorer ? weightsPath : undefined, report };
}
