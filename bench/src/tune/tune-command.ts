import { relative, resolve } from 'node:path';
import { asUsageErrors, type BenchCommandIo } from '../quality/bench-command-io.js';
import { formatFixed, formatShare } from '../quality/format-metric.js';
import { createProgressReporter, type ProgressStream, silentProgress } from '../quality/progress-reporter.js';
import { runTune } from './run-tune.js';
import { describeTuneGoal, parseTuneGoal } from './tune-goal.js';
import { writeTuneOutputs } from './write-tune-outputs.js';

/** Options of `switchyard bench tune`. */
export type TuneCommandOptions = {
  readonly data: string;
  readonly out: string;
  /** Default `quality>=0.95`. */
  readonly goal?: string;
  readonly folds?: number;
  readonly weights?: string;
  readonly report?: string;
  readonly weak?: string;
  readonly strong?: string;
};

/**
 * `switchyard bench tune`: cross-validates tiering thresholds and the learned scorer for a goal,
 * writes the tuned config (and the scorer's weights beside it, and a report), and prints the
 * cross-validated estimate.
 *
 * @example
 * await runTuneCommand({ data: 'train.jsonl', out: 'bench/tuned.config.yaml', goal: 'quality>=0.95' }, io);
 */
export async function runTuneCommand(options: TuneCommandOptions, io: BenchCommandIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const goal = await asUsageErrors(io, () => parseTuneGoal(options.goal ?? 'quality>=0.95'));
  const progress =
    io.progress === false ? silentProgress : createProgressReporter(io.stderr as unknown as ProgressStream);
  const result = await asUsageErrors(io, () =>
    runTune({
      dataPath: resolve(cwd, options.data),
      dataLabel: options.data,
      goal,
      ...(options.folds === undefined ? {} : { folds: options.folds }),
      ...(options.weak === undefined ? {} : { weakModel: options.weak }),
      ...(options.strong === undefined ? {} : { strongModel: options.strong }),
      progress,
    }),
  );
  const files = await asUsageErrors(io, () =>
    writeTuneOutputs(result, {
      config: resolve(cwd, options.out),
      ...(options.weights === undefined ? {} : { weights: resolve(cwd, options.weights) }),
      ...(options.report === undefined ? {} : { reportDirectory: resolve(cwd, options.report) }),
      command: io.command,
    }),
  );
  const shown = (path: string) => relative(cwd, path) || path;
  const line = (label: string, point: typeof result.scorer.crossValidated) =>
    `  ${label.padEnd(16)} strong ${formatShare(point.share).padStart(6)}  PGR ${formatFixed(point.pgr, 3)}  savings ${formatFixed(point.savingsPct, 1)}%${point.meetsGoal ? '' : '  (misses the goal)'}`;
  const lines = [
    `Goal: ${describeTuneGoal(goal)}`,
    `Cross-validated estimate (${result.folds} folds, ${result.rows} rows; held-out folds pooled):`,
    line('learned-scorer', result.scorer.crossValidated),
    line('tiering', result.tiering.crossValidated),
    `Chosen: ${result.chosen}` +
      (result.chosen === 'learned-scorer'
        ? ` (cut-off ${result.scorer.chosen.threshold})`
        : ` (${JSON.stringify(result.tiering.chosen)})`),
    'Learned scorer, cross-validated APGR per source:',
    ...result.scorer.sources.map(
      (source) =>
        `  ${source.source.padEnd(20)} APGR ${formatFixed(source.apgr, 3)}  CPT50 ${formatShare(source.cpt50)}  CPT80 ${formatShare(source.cpt80)}  CPT95 ${formatShare(source.cpt95)}`,
    ),
    `Wrote ${shown(files.config)}` +
      (files.weights === undefined ? '' : `, ${shown(files.weights)}`) +
      (files.report === undefined ? '' : `, ${shown(files.report)}`),
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
