import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { MissingSharedDataError } from '../shared-data.js';
import { formatExecutorReport } from './format-executor-report.js';
import { type ExecutorOverheadOptions, runExecutorOverhead } from './run-executor-overhead.js';

/** Where the executor-overhead benchmark writes its JSON result. */
export const executorResultPath = fileURLToPath(new URL('../../out/executor.json', import.meta.url));

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Runs the executor-overhead benchmark from the command line: prints the machine, the command and
 * a report, then one JSON line with every figure, and writes the JSON to `bench/out/executor.json`.
 *
 * Options: `--calls N` (in-process calls per side and case, default 20000), `--http-calls N`
 * (HTTP calls per side and case, default 2000), `--requests N` (distinct requests per kind,
 * default 64), `--seed N` (default 1).
 *
 * @example
 * // node bench/dist/executor/executor-overhead.js --calls 5000
 * await main(process.argv.slice(2));
 */
export async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      calls: { type: 'string' },
      'http-calls': { type: 'string' },
      requests: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const options: ExecutorOverheadOptions = {
    ...integerOption('--calls', 'inProcessCalls', values.calls, 1),
    ...integerOption('--http-calls', 'httpCalls', values['http-calls'], 1),
    ...integerOption('--requests', 'requests', values.requests, 1),
    ...integerOption('--seed', 'seed', values.seed, 0),
  };
  const command = [
    'node',
    ...process.execArgv,
    relative(repositoryRoot, process.argv[1] ?? ''),
    ...argv,
  ].join(' ');
  const result = await runExecutorOverhead(options);
  console.log(formatExecutorReport(result, command));
  console.log(JSON.stringify({ ...result, command }));
  mkdirSync(dirname(executorResultPath), { recursive: true });
  writeFileSync(executorResultPath, `${JSON.stringify({ ...result, command }, null, 2)}\n`);
  console.log(`wrote ${relative(repositoryRoot, executorResultPath)}`);
}

function integerOption(
  flag: string,
  key: keyof ExecutorOverheadOptions,
  text: string | undefined,
  minimum: number,
): Partial<ExecutorOverheadOptions> {
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
    const badOption = String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
    if (!(error instanceof MissingSharedDataError || error instanceof RangeError || badOption)) throw error;
    console.error(`executor-overhead benchmark: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
