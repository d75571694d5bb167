import { describe, expect, it } from 'vitest';
import { collect, loadChunks, splitIntoChunks } from './__fixtures__/fixture-fetch.js';
import { parseServerSentEvents, type ServerSentEvent } from './parse-server-sent-events.js';

const fixtures = new URL('./__fixtures__/', import.meta.url);
const encoder = new TextEncoder();

async function* from(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

function parse(text: string, chunkSize = text.length + 1): Promise<ServerSentEvent[]> {
  return collect(parseServerSentEvents(from(splitIntoChunks(text, chunkSize))));
}

function splitAt(text: string, offset: number): Uint8Array[] {
  const bytes = encoder.encode(text);
  return [bytes.slice(0, offset), bytes.slice(offset)];
}

describe('parseServerSentEvents', () => {
  const recorded = loadChunks(fixtures, 'openrouter-stream');

  it('parses a recorded OpenRouter stream: comments skipped, data events in order, [DONE] last', async () => {
    const comments: string[] = [];
    const events = await collect(
      parseServerSentEvents(from([encoder.encode(recorded)]), { onComment: (text) => comments.push(text) }),
    );
    expect(comments).toEqual(['OPENROUTER PROCESSING', 'OPENROUTER PROCESSING']);
    expect(events).toHaveLength(7);
    expect(events.at(-1)).toEqual({ data: '[DONE]' });
    const contents = events.slice(0, -1).map((event) => JSON.parse(event.data).choices[0].delta.content);
    expect(contents.join('')).toBe('Bonjour, ça va ? 👋 日本語も');
  });

  it('gives the same events whatever byte offset the stream is split at (UTF-8 and lines cut anywhere)', async () => {
    const expected = await parse(recorded);
    const bytes = encoder.encode(recorded).length;
    for (let offset = 0; offset <= bytes; offset += 1) {
      const events = await collect(parseServerSentEvents(from(splitAt(recorded, offset))));
      expect(events, `split at byte ${offset}`).toEqual(expected);
    }
  });

  it('gives the same events when the stream arrives one byte at a time', async () => {
    expect(await parse(recorded, 1)).toEqual(await parse(recorded));
  });

  it.each([
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('accepts %s line endings, split at every offset', async (_name, ending) => {
    const text = recorded.replaceAll('\n', ending);
    const expected = await parse(recorded);
    const bytes = encoder.encode(text).length;
    for (let offset = 0; offset <= bytes; offset += 7) {
      expect(await collect(parseServerSentEvents(from(splitAt(text, offset))))).toEqual(expected);
    }
  });

  it('reads multi-line data, named events, ids, retry and fields without a space', async () => {
    const text = [
      'event: message_start',
      'id: 7',
      'retry: 3000',
      'data: {"a":',
      'data:1}',
      '',
      'event: ping',
      'data: {}',
      '',
      'data',
      '',
      'unknownfield: ignored',
      'data: last',
      '',
    ].join('\n');
    expect(await parse(text)).toEqual([
      { event: 'message_start', id: '7', retry: 3000, data: '{"a":\n1}' },
      { event: 'ping', id: '7', data: '{}' },
      { id: '7', data: '' },
      { id: '7', data: 'last' },
    ]);
  });

  it('does not dispatch an event name that had no data', async () => {
    expect(await parse('event: lonely\n\ndata: x\n\n')).toEqual([{ data: 'x' }]);
  });

  it('dispatches a final event whose lines all arrived, but drops a line cut mid-way', async () => {
    expect(await parse('data: one\n\ndata: two\n')).toEqual([{ data: 'one' }, { data: 'two' }]);
    expect(await parse('data: one\n\ndata: {"cut')).toEqual([{ data: 'one' }]);
  });

  it('reads a ReadableStream and strips a leading byte-order mark', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([0xef, 0xbb, 0xbf]));
        controller.enqueue(encoder.encode('data: hi\n\n'));
        controller.close();
      },
    });
    expect(await collect(parseServerSentEvents(stream))).toEqual([{ data: 'hi' }]);
  });
});
