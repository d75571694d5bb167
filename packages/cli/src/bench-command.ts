import { Command, InvalidArgumentError } from 'commander';
import type { CliIo } from './cli-io.js';
import { UsageError } from './usage-error.js';

/** What the CLI hands a bench subcommand besides its options. */
export type BenchCommandIo = {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly command: string;
  readonly usageError: (message: string) => Error;
};

/** Options of `switchyard bench quality`, as the bench package takes them. */
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

/** Options of `switchyard bench import-routellm`. */
export type ImportRouteLlmCommandOptions = {
  readonly directory: string;
  readonly out: string;
  readonly weak?: string;
  readonly strong?: string;
  readonly excludeContaminated?: boolean;
};

/** Options of `switchyard bench tune`. */
export type TuneCommandOptions = {
  readonly data: string;
  readonly out: string;
  readonly goal?: string;
  readonly folds?: number;
  readonly weights?: string;
  readonly report?: string;
  readonly weak?: string;
  readonly strong?: string;
};

/** The part of `@switchyard/bench` these commands use. */
export type QualityBenchModule = {
  runQualityCommand(options: QualityCommandOptions, io: BenchCommandIo): Promise<number>;
  runImportRouteLlmCommand(options: ImportRouteLlmCommandOptions, io: BenchCommandIo): Promise<number>;
  runTuneCommand(options: TuneCommandOptions, io: BenchCommandIo): Promise<number>;
};

/** What `switchyard bench` needs: the CLI's streams, where the exit code goes, how to load the bench. */
export type BenchCommandContext = {
  readonly io: CliIo;
  readonly setExitCode: (code: number) => void;
  /** Loads `@switchyard/bench` (default: a dynamic `import()`; tests load the sources). */
  readonly loadBench?: () => Promise<QualityBenchModule>;
};

/** The bench's entry point, in a variable so `tsc` leaves the import lazy and unresolved. */
const benchPackage = '@switchyard/bench';

async function loadBench(): Promise<QualityBenchModule> {
  let module: Partial<QualityBenchModule>;
  try {
    module = (await import(benchPackage)) as Partial<QualityBenchModule>;
  } catch (error) {
    const code = (error as { code?: unknown } | undefined)?.code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw error;
    throw new UsageError(
      `switchyard bench needs ${benchPackage}, which is part of a Switchyard repository checkout and is not installed here; run it from the repository after \`npm run setup\``,
      { cause: error },
    );
  }
  for (const name of ['runQualityCommand', 'runImportRouteLlmCommand', 'runTuneCommand'] as const) {
    if (typeof module[name] !== 'function') {
      throw new TypeError(`${benchPackage} does not export ${name}; its version does not match the CLI`);
    }
  }
  return module as QualityBenchModule;
}

function configured(command: Command, io: CliIo): Command {
  return command
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(add --help for usage)');
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('must be a positive integer');
  return number;
}

function foldCount(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 2) throw new InvalidArgumentError('must be an integer ≥ 2');
  return number;
}

function collect(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}

function quote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

/** The command as typed, rebuilt from its arguments (recorded in reports and tuned configs). */
function commandLine(parts: readonly (string | undefined)[]): string {
  return ['switchyard', 'bench', ...parts.filter((part): part is string => part !== undefined)].join(' ');
}

function flag(name: string, value: string | number | boolean | undefined): string | undefined {
  if (value === undefined || value === false) return undefined;
  return value === true ? name : `${name} ${quote(String(value))}`;
}

/**
 * `switchyard bench`: the quality bench and its tools, run by `@switchyard/bench` (loaded on
 * demand):
 *
 * - `quality --data FILE [--config FILE] [--json] [--out DIR]` scores a config's routing against
 *   labeled data (APGR, CPT, cost, savings; table, Markdown, JSON, SVG and PNG chart);
 * - `import-routellm DIR --out FILE` converts RouteLLM's eval files into labeled JSONL;
 * - `tune --data FILE [--goal G] [--folds 5] --out FILE` cross-validates tiering and the learned
 *   scorer for a goal and writes a tuned config.
 *
 * Other modules add subcommands to the returned command (`bench live`).
 *
 * @example
 * program.addCommand(benchCommand({ io, setExitCode }));
 * // $ switchyard bench quality --data train.jsonl --config bench/tuned.config.yaml --json
 */
export function benchCommand(context: BenchCommandContext): Command {
  const { io } = context;
  const bench = configured(
    new Command('bench').description(
      'Measure routing: quality against cost on labeled data, tuning, imports.',
    ),
    io,
  );
  const run = async (
    command: string,
    action: (module: QualityBenchModule, benchIo: BenchCommandIo) => Promise<number>,
  ) => {
    const module = await (context.loadBench ?? loadBench)();
    const benchIo: BenchCommandIo = {
      stdout: io.stdout,
      stderr: io.stderr as BenchCommandIo['stderr'],
      ...(io.cwd === undefined ? {} : { cwd: io.cwd }),
      ...(io.env === undefined ? {} : { env: io.env }),
      command,
      usageError: (message) => new UsageError(message),
    };
    context.setExitCode(await action(module, benchIo));
  };

  bench.addCommand(
    configured(
      new Command('quality')
        .description(
          "Score a config's routing on labeled prompts: strong share, quality, PGR, APGR, CPT(50/80/95%), cost and savings against the baselines.",
        )
        .requiredOption('--data <file>', 'labeled JSONL in the schema of routing/train.jsonl')
        .option('-c, --config <file>', 'config whose policies are scored (default: built-in bench config)')
        .option('--json', 'print the report as JSON instead of a table')
        .option(
          '--out <dir>',
          'folder for report.md, report.json, curve.svg, curve.png (default: bench/out/quality)',
        )
        .option('--weak <model>', "judge every row on this weak model (default: each row's weak_model)")
        .option('--strong <model>', "judge every row on this strong model (default: each row's strong_model)")
        .option(
          '--weak-target <id>',
          'price weak calls as this target (default: the first local tier-1 target)',
        )
        .option(
          '--strong-target <id>',
          "price strong calls as this target (default: the config's metering baseline, else gpt-4o)",
        )
        .option('--scorer <file>', 'also score these scorer weights on their own (repeatable)', collect)
        .option('--seed <n>', 'seed of the random baseline (default 7)', positiveInteger),
      io,
    ).action(
      async (options: {
        data: string;
        config?: string;
        json?: boolean;
        out?: string;
        weak?: string;
        strong?: string;
        weakTarget?: string;
        strongTarget?: string;
        scorer?: string[];
        seed?: number;
      }) => {
        const command = commandLine([
          'quality',
          flag('--data', options.data),
          flag('--config', options.config),
          flag('--weak', options.weak),
          flag('--strong', options.strong),
          flag('--weak-target', options.weakTarget),
          flag('--strong-target', options.strongTarget),
          ...(options.scorer ?? []).map((path) => flag('--scorer', path)),
          flag('--seed', options.seed),
          flag('--json', options.json),
          flag('--out', options.out),
        ]);
        await run(command, (module, benchIo) => module.runQualityCommand(options, benchIo));
      },
    ),
  );

  bench.addCommand(
    configured(
      new Command('import-routellm')
        .description(
          "Convert RouteLLM's eval files (gsm8k/mmlu response CSVs, mt_bench judgements) into labeled JSONL.",
        )
        .argument('<dir>', 'RouteLLM checkout, or its routellm/evals folder')
        .requiredOption('--out <file>', 'labeled JSONL to write')
        .option('--weak <model>', 'weak model of the pair (default mistralai/Mixtral-8x7B-Instruct-v0.1)')
        .option('--strong <model>', 'strong model of the pair (default gpt-4-1106-preview)')
        .option(
          '--exclude-contaminated',
          "leave out the prompts in RouteLLM's contaminated_prompts.jsonl files",
        ),
      io,
    ).action(
      async (
        directory: string,
        options: { out: string; weak?: string; strong?: string; excludeContaminated?: boolean },
      ) => {
        const command = commandLine([
          'import-routellm',
          quote(directory),
          flag('--out', options.out),
          flag('--weak', options.weak),
          flag('--strong', options.strong),
          flag('--exclude-contaminated', options.excludeContaminated),
        ]);
        await run(command, (module, benchIo) =>
          module.runImportRouteLlmCommand({ directory, ...options }, benchIo),
        );
      },
    ),
  );

  bench.addCommand(
    configured(
      new Command('tune')
        .description(
          'Cross-validate tiering thresholds and the learned scorer for a goal, and write a tuned config.',
        )
        .requiredOption('--data <file>', 'labeled JSONL to tune on')
        .requiredOption('--out <file>', 'tuned config (YAML) to write')
        .option(
          '--goal <goal>',
          '"quality>=0.95" (PGR ≥ 0.95 at least cost) or "strong-share<=0.30" (default quality>=0.95)',
        )
        .option('--folds <n>', 'cross-validation folds (default 5)', foldCount)
        .option(
          '--weights <file>',
          'scorer weights to write (default: scorer/difficulty-scorer.json beside the config)',
        )
        .option('--report <dir>', 'also write tune-report.md and tune-report.json to this folder')
        .option('--weak <model>', "tune on this weak model (default: each row's weak_model)")
        .option('--strong <model>', "tune on this strong model (default: each row's strong_model)"),
      io,
    ).action(
      async (options: {
        data: string;
        out: string;
        goal?: string;
        folds?: number;
        weights?: string;
        report?: string;
        weak?: string;
        strong?: string;
      }) => {
        const command = commandLine([
          'tune',
          flag('--data', options.data),
          flag('--goal', options.goal),
          flag('--folds', options.folds),
          flag('--weak', options.weak),
          flag('--strong', options.strong),
          flag('--out', options.out),
          flag('--weights', options.weights),
          flag('--report', options.report),
        ]);
        await run(command, (module, benchIo) => module.runTuneCommand(options, benchIo));
      },
    ),
  );
  return bench;
}
