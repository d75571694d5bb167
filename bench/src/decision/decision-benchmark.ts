import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { MissingSharedDataError } from '../shared-data.js';
import { formatDecisionReport } from './format-decision-report.js';
import { type DecisionBenchmarkOptions, runDecisionBenchmark } from './run-decision-benchmark.js';

/** Where the decision benchmark writes its JSON result. */
export const decisionResultPath = fileURLToPath(new URL('../../out/decision.json', import.meta.url));

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Runs the decision benchmark from the command line: prints the machine, the command, a report,
 * and one JSON line with every figure; writes the JSON to `bench/out/decision.json`. Exit code 0
 * whether or not the goal is met (the report says which).
 *
 * Options: `--size N` (workload requests, default 1200), `--seed N` (default 1), `--passes N`
 * (default 10), `--reference-calls N` (default 50000), `--warmup N` (default 10000).
 *
 * @example
 * // node bench/dist/decision/decision-benchmark.js --passes 5
 * await main(process.argv.slice(2));
 */
export async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      size: { type: 'string' },
      seed: { type: 'string' },
      passes: { type: 'string' },
      'reference-calls': { type: 'string' },
      warmup: { type: 'string' },
    },
  });
  const options: DecisionBenchmarkOptions = {
    ...integerOption('--size', 'size', values.size, 1),
    ...integerOption('--seed', 'seed', values.seed, 0),
    ...integerOption('--passes', 'passes', values.passes, 1),
    ...integerOption('--reference-calls', 'referenceCalls', values['reference-calls'], 20_000),
    ...integerOption('--warmup', 'warmupCalls', values.warmup, 0),
  };
  // As run from the repository root, so anyone can repeat it.
  const command = [
    'node',
    ...process.execArgv,
    relative(repositoryRoot, process.argv[1] ?? ''),
    ...argv,
  ].join(' ');
  const result = await runDecisionBenchmark(options);
  console.log(formatDecisionReport(result, command));
  const json = JSON.stringify({ ...result, command });
  console.log(json);
  mkdirSync(dirname(decisionResultPath), { recursive: true });
  writeFileSync(decisionResultPath, `${JSON.stringify({ ...result, command }, null, 2)}\n`);
  console.log(`wrote ${relative(repositoryRoot, decisionResultPath)}`);
}

function integerOption(
  flag: string,
  key: keyof DecisionBenchmarkOptions,
  text: string | undefined,
  minimum: number,
): Partial<DecisionBenchmarkOptions> {
  if (text === undefined) return {};
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) {
    throw new RangeError(`${flag}: expected an integer ≥ ${minimum}, got '${text}'`);
  }
  return { [key]: value };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await main(process.argv.slice(2));
  } catch (error) {
    // A missing data file or a bad option is the user's to fix: say what, without a stack trace.
    const badOption = String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
    if (!(error instanceof MissingSharedDataError || error instanceof RangeError || badOption)) throw error;
    console.error(`decision benchmark: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
