import { type ByteSource, readLines } from './read-lines.js';

/**
 * Parses newline-delimited JSON (Ollama's native stream) incrementally: one value per line, blank
 * lines skipped, a last line without a line break accepted when it is complete JSON. A line that
 * is not JSON throws a `SyntaxError` naming the line number (not its content).
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
      const where = line.complete ? '' : ' (the stream ended mid-line)';
      throw new SyntaxError(`NDJSON line ${lineNumber} is not valid JSON${where}`, { cause: error });
    }
    yield value;
  }
}
