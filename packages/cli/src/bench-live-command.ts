import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PolicyRegistry } from '@switchyard/core';
import { Command, InvalidArgumentError } from 'commander';
import { defaultConfigFile, resolveConfigPath } from './resolve-config-path.js';
import type { RouteCommandContext } from './route-command.js';
import { UsageError } from './usage-error.js';

/** The options `switchyard bench live` passes to the bench package. */
export type BenchLiveOptions = {
  readonly configPath?: string;
  readonly concurrency?: number;
  readonly requests?: number;
  readonly mix?: string;
  readonly compare?: string;
  readonly json?: boolean;
  readonly out?: string;
  readonly deadlineSeconds?: number;
  readonly maxTokens?: number;
  readonly seed?: number;
};

/** The part of `@switchyard/bench/live` this command uses. */
export type LiveBenchModule = {
  runLiveBenchCommand(
    options: BenchLiveOptions,
    context: {
      readonly stdout: { write(text: string): unknown };
      readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
      readonly env?: Readonly<Record<string, string | undefined>>;
      readonly cwd?: string;
      readonly registry: PolicyRegistry;
      readonly defaultPolicyNames: readonly string[];
      readonly command: string;
      readonly usageError: (message: string) => Error;
    },
  ): Promise<number>;
};

/** What `switchyard bench live` needs: the route command's context, and how to load the bench. */
export type BenchLiveCommandContext = RouteCommandContext & {
  /** Loads `@switchyard/bench/live` (default: a dynamic `import()`; tests load the sources). */
  readonly loadLiveBench?: () => Promise<LiveBenchModule>;
};

type CommandOptions = {
  readonly config?: string;
  readonly concurrency?: number;
  readonly requests?: number;
  readonly mix?: string;
  readonly compare?: string;
  readonly json?: boolean;
  readonly out?: string;
  readonly deadline?: number;
  readonly maxTokens?: number;
  readonly seed?: number;
};

/** The bench's entry point, in a variable so `tsc` leaves the import lazy and unresolved. */
const livePackage = '@switchyard/bench/live';

/**
 * `switchyard bench live`: replays a workload of real prompts, tool calls and structured-output
 * requests against the targets of a config (default: the built-in config `switchyard serve` runs)
 * and reports per target latency, TTFT, tokens/s, error and fallback rates, structured-output
 * validity, cost, and with `--compare` the agreement between targets. The work is done by
 * `@switchyard/bench` (loaded on demand: it reads the shared data beside a repository checkout).
 *
 * @example
 * const bench = new Command('bench');
 * bench.addCommand(benchLiveCommand({ io, registry: builtinPolicies, defaultPolicyNames, setExitCode }));
 * // $ switchyard bench live --requests 50
 */
export function benchLiveCommand(context: BenchLiveCommandContext): Command {
  return new Command('live')
    .description(
      'Replay real requests against the targets of a config and report latency, TTFT, tokens/s, errors, fallbacks, validity, cost and agreement.',
    )
    .option(
      '-c, --config <file>',
      'config file (default: $SWITCHYARD_CONFIG, else ./switchyard.yaml, else built in)',
    )
    .option(
      '--requests <n>',
      'requests to send; with --compare, to each target (default 50)',
      positiveInteger,
    )
    .option('--concurrency <n>', 'requests in flight at once (default 4)', positiveInteger)
    .option(
      '--mix <kinds>',
      'kinds of request, optionally weighted: plain,tools,structured,chat,chains,long,image (default plain=2,tools=1,structured=1)',
    )
    .option(
      '--compare <targets>',
      'run every request on each of these target ids (TARGET_A,TARGET_B) and measure their agreement',
    )
    .option(
      '--deadline <seconds>',
      'start no request after this many seconds; cut those in flight (default 300)',
      positiveNumber,
    )
    .option('--max-tokens <n>', 'output cap of every request (default 256)', positiveInteger)
    .option('--seed <n>', 'workload seed (default 1)', nonNegativeInteger)
    .option('--json', 'print the report as JSON instead of text')
    .option('--out <dir>', 'also write live-bench.json and live-bench.txt to this folder')
    .action(async (options: CommandOptions) => {
      context.setExitCode(await benchLive(options, context));
    });
}

/**
 * Adds `live` to an existing `bench` command (the command another module builds), configured
 * like every other subcommand: errors thrown, output to the context's streams.
 *
 * @example
 * registerBenchLiveCommand(benchCommand, context);
 */
export function registerBenchLiveCommand(bench: Command, context: BenchLiveCommandContext): Command {
  return bench.addCommand(
    benchLiveCommand(context)
      .exitOverride()
      .configureOutput({
        writeOut: (text) => context.io.stdout.write(text),
        writeErr: (text) => context.io.stderr.write(text),
      })
      .showHelpAfterError('(add --help for usage)'),
  );
}

async function benchLive(options: CommandOptions, context: BenchLiveCommandContext): Promise<number> {
  const { io } = context;
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  const hasConfig =
    options.config !== undefined ||
    (env.SWITCHYARD_CONFIG ?? '') !== '' ||
    existsSync(resolve(cwd, defaultConfigFile));
  const configPath = hasConfig ? resolveConfigPath(options.config, { cwd, env }) : undefined;
  const bench = await (context.loadLiveBench ?? loadLiveBench)();
  return bench.runLiveBenchCommand(
    {
      ...(configPath === undefined ? {} : { configPath }),
      ...definedOnly({
        concurrency: options.concurrency,
        requests: options.requests,
        mix: options.mix,
        compare: options.compare,
        json: options.json,
        out: options.out,
        deadlineSeconds: options.deadline,
        maxTokens: options.maxTokens,
        seed: options.seed,
      }),
    },
    {
      stdout: io.stdout,
      stderr: io.stderr,
      env,
      cwd,
      registry: context.registry,
      defaultPolicyNames: context.defaultPolicyNames,
      command: commandLine(options),
      usageError: (message) => new UsageError(message),
    },
  );
}

async function loadLiveBench(): Promise<LiveBenchModule> {
  let module: Partial<LiveBenchModule>;
  try {
    module = (await import(livePackage)) as Partial<LiveBenchModule>;
  } catch (error) {
    const code = (error as { code?: unknown } | undefined)?.code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw error;
    throw new UsageError(
      `bench live needs ${livePackage}, which is part of a Switchyard repository checkout (with the shared data beside it) and is not installed here; run it from the repository after \`npm run setup\``,
      { cause: error },
    );
  }
  if (typeof module.runLiveBenchCommand !== 'function') {
    throw new TypeError(`${livePackage} does not export runLiveBenchCommand; its version does not match`);
  }
  return module as LiveBenchModule;
}

/** The command as typed, rebuilt from the parsed options (printed with the report). */
function commandLine(options: CommandOptions): string {
  const parts = ['switchyard', 'bench', 'live'];
  const add = (flag: string, value: string | number | boolean | undefined) => {
    if (value === undefined || value === false) return;
    parts.push(value === true ? flag : `${flag} ${quote(String(value))}`);
  };
  add('--config', options.config);
  add('--requests', options.requests);
  add('--concurrency', options.concurrency);
  add('--mix', options.mix);
  add('--compare', options.compare);
  add('--deadline', options.deadline);
  add('--max-tokens', options.maxTokens);
  add('--seed', options.seed);
  add('--json', options.json);
  add('--out', options.out);
  return parts.join(' ');
}

function quote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('must be a positive integer');
  return number;
}

function nonNegativeInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new InvalidArgumentError('must be an integer ≥ 0');
  return number;
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (!(Number.isFinite(number) && number > 0))
    throw new InvalidArgumentError('must be a number of seconds > 0');
  return number;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}
