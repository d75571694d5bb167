import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CliIo } from './cli-io.js';
import { UsageError } from './usage-error.js';

/** A request body as read, and where from (for messages). */
export type RequestInput = { readonly value: unknown; readonly source: string };

/**
 * Reads the request JSON from a file, or from stdin for `-` (or no argument when stdin is not a
 * terminal). Throws {@link UsageError} for a missing file, empty input or invalid JSON.
 *
 * @example
 * const { value } = await readRequestInput('request.json', io);
 */
export async function readRequestInput(argument: string | undefined, io: CliIo): Promise<RequestInput> {
  if (argument === undefined && io.stdin.isTTY === true) {
    throw new UsageError('no request: pass REQUEST.json, or pipe the request on stdin (or use - for stdin)');
  }
  const fromStdin = argument === undefined || argument === '-';
  const source = fromStdin ? 'stdin' : argument;
  const text = fromStdin
    ? await readAll(io.stdin)
    : await readRequestFile(resolve(io.cwd ?? process.cwd(), argument));
  if (text.trim() === '') throw new UsageError(`the request on ${source} is empty`);
  try {
    return { value: JSON.parse(text), source };
  } catch (error) {
    throw new UsageError(`the request on ${source} is not valid JSON: ${(error as Error).message}`);
  }
}

async function readRequestFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a directory'
          : `cannot be read (${code})`;
    throw new UsageError(`request ${path}: ${reason}`, { cause: error });
  }
}

async function readAll(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of stream) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}
