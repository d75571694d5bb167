import { describe, expect, it } from 'vitest';
import { collect } from './__fixtures__/fixture-fetch.js';
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

  it('names the line number (not the content) of an invalid line', async () => {
    const source = from([encoder.encode('{"a":1}\nnot json secret-content\n')]);
    await expect(collect(parseNdjson(source))).rejects.toThrow(/^NDJSON line 2 is not valid JSON$/);
  });

  it('says when the stream ended mid-line', async () => {
    const source = from([encoder.encode('{"a":1}\n{"b":')]);
    await expect(collect(parseNdjson(source))).rejects.toThrow(
      'NDJSON line 2 is not valid JSON (the stream ended mid-line)',
    );
  });
});
