import { mkdirSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { asUsageErrors, type BenchCommandIo } from '../bench-command-io.js';
import { importRouteLlm, writeLabeledRows } from './import-route-llm.js';

/** Options of `switchyard bench import-routellm`. */
export type ImportRouteLlmCommandOptions = {
  readonly directory: string;
  readonly out: string;
  readonly weak?: string;
  readonly strong?: string;
  readonly excludeContaminated?: boolean;
};

/**
 * `switchyard bench import-routellm DIR --out FILE`: converts RouteLLM's eval files into labeled
 * JSONL and prints what it read, wrote, left out and could not read.
 *
 * @example
 * await runImportRouteLlmCommand({ directory: '../RouteLLM', out: 'routellm.jsonl' }, io);
 */
export async function runImportRouteLlmCommand(
  options: ImportRouteLlmCommandOptions,
  io: BenchCommandIo,
): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const out = resolve(cwd, options.out);
  const result = await asUsageErrors(io, () =>
    importRouteLlm({
      directory: resolve(cwd, options.directory),
      ...(options.weak === undefined ? {} : { weakModel: options.weak }),
      ...(options.strong === undefined ? {} : { strongModel: options.strong }),
      excludeContaminated: options.excludeContaminated === true,
    }),
  );
  mkdirSync(dirname(out), { recursive: true });
  writeLabeledRows(out, result.rows);
  const lines = [`Wrote ${result.rows.length} rows to ${relative(cwd, out) || out}`];
  for (const [source, count] of Object.entries(result.counts)) {
    const left = result.contaminated[source];
    lines.push(
      `  ${source}: ${count} rows${left === undefined ? '' : ` (${left} contaminated prompts left out)`}`,
    );
  }
  lines.push(`Read: ${result.filesRead.length} files`);
  if (result.unsupported.length > 0) {
    lines.push('Not read (unsupported formats):', ...result.unsupported.map((file) => `  ${file}`));
  }
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
