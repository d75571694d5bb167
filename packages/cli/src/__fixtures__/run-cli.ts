import { Readable } from 'node:stream';
import type { RunOptions } from '../run.js';
import { run } from '../run.js';

/** What one in-process run of the CLI produced. */
export type CliResult = { readonly code: number; readonly stdout: string; readonly stderr: string };

/** Runs `switchyard …` in-process with captured output. `stdin` undefined = an interactive terminal. */
export async function runCli(
  argv: readonly string[],
  settings: {
    readonly stdin?: string;
    readonly env?: Record<string, string>;
    readonly cwd?: string;
    readonly options?: RunOptions;
  } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const stdin = Object.assign(
    Readable.from(settings.stdin === undefined ? [] : [Buffer.from(settings.stdin)]),
    {
      isTTY: settings.stdin === undefined,
    },
  );
  const code = await run(
    argv,
    {
      stdin,
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: settings.env ?? {},
      ...(settings.cwd === undefined ? {} : { cwd: settings.cwd }),
    },
    settings.options,
  );
  return { code, stdout, stderr };
}
