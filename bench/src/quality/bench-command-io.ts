/** What a `switchyard bench …` subcommand gets from the CLI: its streams, folder and environment. */
export type BenchCommandIo = {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  /** Folder relative paths are resolved against (default `process.cwd()`). */
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The command line as typed, recorded in reports. */
  readonly command: string;
  /** Wraps a message about bad input (missing file, malformed data) in the CLI's usage error (exit 2). */
  readonly usageError: (message: string) => Error;
  /** Show progress bars on stderr (default true; they appear only for work over a second). */
  readonly progress?: boolean;
};

/**
 * Runs a bench step, turning plain errors (a missing file, a malformed row, a bad option) into
 * the CLI's usage error so the command exits with code 2 and a one-line message. Errors that
 * carry their own type (config errors, bugs) pass through unchanged.
 *
 * @example
 * const report = await asUsageErrors(io, () => runQualityBench(options));
 */
export async function asUsageErrors<Result>(
  io: BenchCommandIo,
  step: () => Promise<Result> | Result,
): Promise<Result> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof Error && (error.constructor === Error || error.constructor === RangeError)) {
      throw io.usageError(error.message);
    }
    throw error;
  }
}
