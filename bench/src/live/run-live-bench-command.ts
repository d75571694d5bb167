import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CreateBackendOptions } from '@switchyard/backends';
import {
  type ExecutionOptions,
  loadConfigFile,
  type PolicyRegistry,
  type SwitchyardConfig,
} from '@switchyard/core';
import { discoverDefaultConfig } from '@switchyard/gateway';
import { MissingSharedDataError, sharedDataDirectory } from '../shared-data.js';
import { formatLiveReport } from './format-live-report.js';
import { createLiveProgress, type ProgressStream } from './live-progress.js';
import { defaultLiveMix, parseLiveMix } from './parse-live-mix.js';
import { type LiveBenchReport, runLiveBench } from './run-live-bench.js';

/** The options of `switchyard bench live`, as parsed from the command line. */
export type LiveBenchCommandOptions = {
  /** Absolute path of the config file; unset: the built-in config `switchyard serve` would run. */
  readonly configPath?: string;
  /** Requests in flight at once (default 4). */
  readonly concurrency?: number;
  /** Requests to send (default 50; per target with `compare`). */
  readonly requests?: number;
  /** `--mix`, e.g. `plain,tools,structured` (default {@link defaultLiveMix}). */
  readonly mix?: string;
  /** `--compare`: comma-separated target ids (two or more). */
  readonly compare?: string;
  /** Print the report as JSON on stdout instead of text. */
  readonly json?: boolean;
  /** Folder to write `live-bench.json` and `live-bench.txt` to (relative to the working folder). */
  readonly out?: string;
  /** No request starts after this many seconds; those in flight are cut (default 300). */
  readonly deadlineSeconds?: number;
  /** Output cap of every request, in tokens (default 256). */
  readonly maxTokens?: number;
  /** Workload seed (default 1). */
  readonly seed?: number;
};

/** A stream the command writes text to. */
export type CommandWriter = { write(text: string): unknown };

/** What `runLiveBenchCommand` needs besides its options. */
export type LiveBenchCommandContext = {
  readonly stdout: CommandWriter;
  /** Messages; the progress bar too, when it is a terminal. */
  readonly stderr: CommandWriter & { readonly isTTY?: boolean };
  /** Variables for `${VAR}` interpolation and API keys (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Folder `--out` is resolved against (default `process.cwd()`). */
  readonly cwd?: string;
  readonly registry: PolicyRegistry;
  readonly defaultPolicyNames: readonly string[];
  /** The command line, printed with the report. */
  readonly command: string;
  /** Builds the error for a mistake in the options (the CLI's `UsageError`: exit code 2). */
  readonly usageError: (message: string) => Error;
  /** Shared data folder (default `sharedDataDirectory()`). */
  readonly sharedDir?: string;
  /** Settings for building the adapters (an injected fetch…). */
  readonly backendOptions?: CreateBackendOptions;
  /** Executor settings overriding the config's (tests shorten the backoff). */
  readonly execution?: ExecutionOptions;
};

/** Defaults of `switchyard bench live`. */
export const liveBenchDefaults = {
  requests: 50,
  concurrency: 4,
  deadlineSeconds: 300,
  maxTokens: 256,
  seed: 1,
  mix: defaultLiveMix,
} as const;

/**
 * `switchyard bench live`: loads the config (or builds the default one `switchyard serve` runs
 * without a config: the embedded tiny model, plus local servers and cloud keys it finds), replays
 * the workload against its targets with {@link runLiveBench}, and prints the report — text, or
 * JSON with `json` — with the command and machine. `out` also writes `live-bench.json` and
 * `live-bench.txt` there. Resolves to the exit code: 0, or 1 when no request was answered.
 * Mistakes in the options, a config that can serve none of the workload, and missing data throw
 * `context.usageError(…)`.
 *
 * @example
 * const code = await runLiveBenchCommand({ requests: 20, mix: 'plain' }, {
 *   stdout: process.stdout, stderr: process.stderr, registry: builtinPolicies, defaultPolicyNames,
 *   command: 'switchyard bench live --requests 20 --mix plain', usageError: (message) => new Error(message),
 * });
 */
export async function runLiveBenchCommand(
  options: LiveBenchCommandOptions,
  context: LiveBenchCommandContext,
): Promise<number> {
  const env = context.env ?? process.env;
  const requests = positiveInteger('--requests', options.requests ?? liveBenchDefaults.requests, context);
  const concurrency = positiveInteger(
    '--concurrency',
    options.concurrency ?? liveBenchDefaults.concurrency,
    context,
  );
  const maxTokens = positiveInteger(
    '--max-tokens',
    options.maxTokens ?? liveBenchDefaults.maxTokens,
    context,
  );
  const deadlineSeconds = options.deadlineSeconds ?? liveBenchDefaults.deadlineSeconds;
  if (!(deadlineSeconds > 0))
    throw context.usageError(`--deadline: expected seconds > 0, got ${deadlineSeconds}`);
  const seed = options.seed ?? liveBenchDefaults.seed;
  if (!Number.isInteger(seed)) throw context.usageError(`--seed: expected an integer, got ${seed}`);
  let mix: ReturnType<typeof parseLiveMix>;
  try {
    mix = parseLiveMix(options.mix ?? liveBenchDefaults.mix);
  } catch (error) {
    throw context.usageError((error as Error).message);
  }

  const { config, source } = await loadConfig(options.configPath, env, context);
  const compare = parseCompare(options.compare, config, context);

  let report: LiveBenchReport;
  try {
    report = await runLiveBench({
      config,
      configSource: source,
      registry: context.registry,
      defaultPolicyNames: context.defaultPolicyNames,
      requests,
      concurrency,
      deadlineMs: deadlineSeconds * 1000,
      mix,
      ...(compare === undefined ? {} : { compare }),
      maxOutputTokens: maxTokens,
      seed,
      sharedDir: context.sharedDir ?? sharedDataDirectory(env as NodeJS.ProcessEnv),
      progress: createLiveProgress(context.stderr as ProgressStream),
      ...(context.backendOptions === undefined ? {} : { backendOptions: context.backendOptions }),
      ...(context.execution === undefined ? {} : { execution: context.execution }),
    });
  } catch (error) {
    if (error instanceof MissingSharedDataError) throw context.usageError(error.message);
    throw error;
  }
  if (report.selection.selected === 0) {
    const { skipped } = report.selection;
    throw context.usageError(
      `none of the ${skipped.total} workload requests considered can be served by ${source}: ${Object.entries(
        skipped.byReason,
      )
        .map(([reason, count]) => `${reason} ${count}`)
        .join(
          ', ',
        )}${skipped.examples[0] === undefined ? '' : ` (e.g. ${skipped.examples[0]})`}; try another --mix`,
    );
  }

  const text = formatLiveReport(report, context.command);
  const json = `${JSON.stringify({ ...report, command: context.command }, null, 2)}\n`;
  context.stdout.write(options.json === true ? json : text);
  if (options.out !== undefined) {
    const folder = resolve(context.cwd ?? process.cwd(), options.out);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'live-bench.json'), json);
    await writeFile(join(folder, 'live-bench.txt'), text);
    context.stderr.write(`switchyard: wrote ${join(folder, 'live-bench.json')} and live-bench.txt\n`);
  }
  return report.run.ok > 0 ? 0 : 1;
}

async function loadConfig(
  path: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  context: LiveBenchCommandContext,
): Promise<{ config: SwitchyardConfig; source: string }> {
  if (path !== undefined) return { config: await loadConfigFile(path, { env }), source: path };
  try {
    const { config, targets } = await discoverDefaultConfig({ env });
    const added = targets.filter((target) => target.added).map((target) => target.id);
    return { config, source: `built-in config (as switchyard serve runs it; found ${added.join(', ')})` };
  } catch (error) {
    throw context.usageError(error instanceof Error ? error.message : String(error));
  }
}

function parseCompare(
  text: string | undefined,
  config: SwitchyardConfig,
  context: LiveBenchCommandContext,
): string[] | undefined {
  if (text === undefined) return undefined;
  const ids = text
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (ids.length < 2 || new Set(ids).size !== ids.length) {
    throw context.usageError(
      `--compare: expected two or more different target ids (TARGET_A,TARGET_B), got '${text}'`,
    );
  }
  const known = config.targets.map((target) => target.id);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    throw context.usageError(
      `--compare: no target ${unknown.map((id) => `'${id}'`).join(', ')} in the config; its targets: ${known.join(', ')}`,
    );
  }
  return ids;
}

function positiveInteger(flag: string, value: number, context: LiveBenchCommandContext): number {
  if (!Number.isInteger(value) || value < 1) {
    throw context.usageError(`${flag}: expected a positive integer, got ${value}`);
  }
  return value;
}
