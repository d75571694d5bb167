import { NdjsonLineError } from './ndjson-line-error.js';
import { type ByteSource, readLines } from './read-lines.js';

/**
 * Parses newline-delimited JSON (Ollama's native stream) incrementally: one value per line, blank
 * lines skipped, a last line without a line break accepted when it is complete JSON. A line that
 * is not JSON throws an {@link NdjsonLineError} naming the line number (not its content): failure
 * `cut` when it is the last line and the stream ended before its line break (a dropped
 * connection), `malformed` when it is a complete line (bad output from the server).
 *
 * @example
 * for await (const line of parseNdjson<{ done: boolean }>(response.body!)) if (line.done) break;
 */
export async function* parseNdjson<T = unknown>(source: ByteSource): AsyncGenerator<T, void, undefined> {
  let lineNumber = 0;
  for await (const line of readLines(source)) {
    lineNumber += 1;
    const text = line.text.trim();
    if (text === '') continue;
    let value: T;
    try {
      value = JSON.parse(text) as T;
    } catch (error) {
      throw new NdjsonLineError({ lineNumber, failure: line.complete ? 'malformed' : 'cut', cause: error });
    }
    yield value;
  }
}
