import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { asUsageErrors, type BenchCommandIo } from './bench-command-io.js';
import { formatQualityTable } from './format-quality-table.js';
import { createProgressReporter, type ProgressStream, silentProgress } from './progress-reporter.js';
import { qualityReportJson } from './quality-report-json.js';
import { runQualityBench } from './run-quality-bench.js';
import { writeQualityOutputs } from './write-quality-outputs.js';

/** Options of `switchyard bench quality`. */
export type QualityCommandOptions = {
  readonly data: string;
  readonly config?: string;
  readonly json?: boolean;
  readonly out?: string;
  readonly weak?: string;
  readonly strong?: string;
  readonly weakTarget?: string;
  readonly strongTarget?: string;
  readonly scorer?: readonly string[];
  readonly seed?: number;
};

/**
 * The report folder when `--out` is not given: `bench/out/quality` inside a repository checkout
 * (git-ignored there), else `switchyard-quality-report` in the working folder.
 *
 * @example
 * defaultQualityOutDirectory('/work/main'); // '/work/main/bench/out/quality'
 */
export function defaultQualityOutDirectory(cwd: string): string {
  return existsSync(join(cwd, 'bench', 'package.json'))
    ? join(cwd, 'bench', 'out', 'quality')
    : join(cwd, 'switchyard-quality-report');
}

/**
 * `switchyard bench quality`: scores the config's policy pipeline (and any `--scorer` weights,
 * and the baselines) on a labeled file; prints a table (or, with `--json`, the JSON report) and
 * writes `report.md`, `report.json`, `curve.svg` and `curve.png` to the output folder.
 *
 * @example
 * await runQualityCommand({ data: 'train.jsonl', config: 'bench/tuned.config.yaml', json: true }, io);
 */
export async function runQualityCommand(options: QualityCommandOptions, io: BenchCommandIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const progress =
    io.progress === false ? silentProgress : createProgressReporter(io.stderr as unknown as ProgressStream);
  const report = await asUsageErrors(io, () =>
    runQualityBench({
      dataPath: resolve(cwd, options.data),
      dataLabel: options.data,
      ...(options.config === undefined
        ? {}
        : { configPath: resolve(cwd, options.config), configLabel: options.config }),
      ...(options.weak === undefined ? {} : { weakModel: options.weak }),
      ...(options.strong === undefined ? {} : { strongModel: options.strong }),
      ...(options.weakTarget === undefined ? {} : { weakTarget: options.weakTarget }),
      ...(options.strongTarget === undefined ? {} : { strongTarget: options.strongTarget }),
      scorerPaths: (options.scorer ?? []).map((path) => resolve(cwd, path)),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(io.env === undefined ? {} : { env: io.env }),
      progress,
    }),
  );
  const outDirectory = resolve(cwd, options.out ?? defaultQualityOutDirectory(cwd));
  const files = writeQualityOutputs(report, outDirectory);
  const fromCwd = relative(cwd, files.markdown);
  const shown = fromCwd === '' || fromCwd.startsWith('..') ? files.markdown : fromCwd;
  if (options.json === true) {
    io.stdout.write(`${JSON.stringify(qualityReportJson(report), null, 2)}\n`);
    io.stderr.write(`Report: ${shown} (with report.json, curve.svg, curve.png)\n`);
  } else {
    io.stdout.write(formatQualityTable(report));
    io.stdout.write(`\nReport: ${shown} (with report.json, curve.svg, curve.png)\n`);
  }
  return 0;
}
