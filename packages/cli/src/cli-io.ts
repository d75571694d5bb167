/** A stream the CLI writes text to. */
export type TextWriter = { write(text: string): unknown };

/**
 * Everything the CLI touches outside itself, so tests run it in-process with their own streams,
 * environment and working directory.
 */
export type CliIo = {
  /** Request input for `-` (or no argument when stdin is not a terminal). */
  readonly stdin: AsyncIterable<string | Uint8Array> & { readonly isTTY?: boolean };
  readonly stdout: TextWriter;
  readonly stderr: TextWriter;
  /** Variables for `${VAR}` interpolation and `SWITCHYARD_CONFIG` (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Folder that relative paths are resolved against (default `process.cwd()`). */
  readonly cwd?: string;
};
