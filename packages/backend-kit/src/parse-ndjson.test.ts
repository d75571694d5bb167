import { describe, expect, it } from 'vitest';
import { collect } from './__fixtures__/fixture-fetch.js';
import { NdjsonLineError } from './ndjson-line-error.js';
import { parseNdjson } from './parse-ndjson.js';

const encoder = new TextEncoder();

async function* from(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

// Ollama's native stream as documented (nanosecond durations on the final line).
const recorded = [
  '{"model":"m","created_at":"2026-11-22T10:00:00Z","message":{"role":"assistant","content":"Thé"},"done":false}',
  '{"model":"m","created_at":"2026-11-22T10:00:00Z","message":{"role":"assistant","content":" 🍵"},"done":false}',
  '{"model":"m","created_at":"2026-11-22T10:00:01Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","total_duration":4883583458,"prompt_eval_count":26,"eval_count":282,"eval_duration":4535599000}',
  '',
].join('\n');

describe('parseNdjson', () => {
  it('parses every line of a recorded stream, whatever byte offset it is split at', async () => {
    const bytes = encoder.encode(recorded);
    const expected = recorded
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line));
    for (let offset = 0; offset <= bytes.length; offset += 1) {
      const values = await collect(parseNdjson(from([bytes.slice(0, offset), bytes.slice(offset)])));
      expect(values, `split at byte ${offset}`).toEqual(expected);
    }
  });

  it('skips blank lines, accepts CRLF and a complete last line without a line break', async () => {
    const values = await collect(parseNdjson(from([encoder.encode('{"a":1}\r\n\r\n\n{"b":2}')])));
    expect(values).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('reports a complete line that is not JSON as malformed, naming its number (not its content)', async () => {
    const source = from([encoder.encode('{"a":1}\nnot json secret-content\n{"b":2}\n')]);
    const error = await failure(parseNdjson(source));
    expect(NdjsonLineError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ failure: 'malformed', lineNumber: 2 });
    expect(error.message).toBe('NDJSON line 2 is not valid JSON');
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('reports a last line cut before its line break as a cut, after the lines before it', async () => {
    const values: unknown[] = [];
    let error: unknown;
    try {
      for await (const value of parseNdjson(
        from([encoder.encode('{"a":1}\n\n{"b":'), encoder.encode('[1,')]),
      )) {
        values.push(value);
      }
    } catch (caught) {
      error = caught;
    }
    expect(values).toEqual([{ a: 1 }]);
    expect(NdjsonLineError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      failure: 'cut',
      lineNumber: 3,
      message: 'NDJSON line 3 was cut off: the stream ended mid-line',
    });
  });

  it('treats a malformed line as malformed even when the stream is cut later', async () => {
    const error = await failure(parseNdjson(from([encoder.encode('{"a":\n{"b":')])));
    expect(error).toMatchObject({ failure: 'malformed', lineNumber: 1 });
  });
});

async function failure(values: AsyncIterable<unknown>): Promise<NdjsonLineError> {
  try {
    for await (const _ of values) {
      // drain
    }
  } catch (error) {
    if (NdjsonLineError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected parseNdjson to fail');
}
