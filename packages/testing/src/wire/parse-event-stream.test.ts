import { describe, expect, it } from 'vitest';
import { parseEventStream, parseNdjson } from './parse-event-stream.js';

describe('parseEventStream', () => {
  it('splits events, joins data lines, keeps comments apart, and notes a cut tail', () => {
    const parsed = parseEventStream(
      ': keepalive\n\nevent: ping\ndata: {"a":1}\n\ndata: x\ndata: y\n\ndata: cut',
    );
    expect(parsed.comments).toEqual(['keepalive']);
    expect(parsed.events).toEqual([
      { event: 'ping', data: '{"a":1}' },
      { event: undefined, data: 'x\ny' },
    ]);
    expect(parsed.complete).toBe(false);
    expect(parseEventStream('data: a\r\n\r\n').complete).toBe(true);
  });
});

describe('parseNdjson', () => {
  it('parses one value per line and names a bad line', () => {
    expect(parseNdjson('{"a":1}\n\n{"b":2}\n')).toEqual([{ a: 1 }, { b: 2 }]);
    expect(() => parseNdjson('{"a":1}\n{"b":')).toThrow('NDJSON line 2 is not JSON: {"b":');
  });
});
