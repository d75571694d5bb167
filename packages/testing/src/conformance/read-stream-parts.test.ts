import type { StreamPart } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { readStreamParts, reassembleToolCalls, streamedText } from './read-stream-parts.js';

function chunk(delta: Record<string, unknown>): StreamPart {
  return {
    type: 'chunk',
    chunk: {
      id: 'c',
      object: 'chat.completion.chunk',
      created: 0,
      model: 'm',
      choices: [{ index: 0, delta, finish_reason: null }],
    },
  };
}

const finish: StreamPart = {
  type: 'finish',
  finishReason: 'tool_calls',
  usage: { inputTokens: 1, outputTokens: 1, cachedInputTokens: 0, reasoningTokens: 0 },
  timing: { durationMs: 1 },
};

describe('readStreamParts, streamedText, reassembleToolCalls', () => {
  it('keeps the parts read before a failure, and the failure', async () => {
    async function* parts() {
      yield chunk({ role: 'assistant', content: 'Hel' });
      yield chunk({ content: 'lo' });
      throw new Error('cut');
    }
    const reading = await readStreamParts({ stream: parts(), warnings: [] });
    expect(streamedText(reading.parts)).toBe('Hello');
    expect(reading.error).toEqual(new Error('cut'));
  });

  it('reassembles fragments by index, id and name from the first fragment that has them', () => {
    const calls = reassembleToolCalls([
      chunk({
        tool_calls: [{ index: 1, id: 'b', type: 'function', function: { name: 'two', arguments: '' } }],
      }),
      chunk({
        tool_calls: [{ index: 0, id: 'a', type: 'function', function: { name: 'one', arguments: '{"x"' } }],
      }),
      chunk({
        tool_calls: [
          { index: 0, function: { arguments: ':1}' } },
          { index: 1, function: { arguments: '{}' } },
        ],
      }),
      finish,
    ]);
    expect(calls).toEqual([
      { id: 'a', type: 'function', function: { name: 'one', arguments: '{"x":1}' } },
      { id: 'b', type: 'function', function: { name: 'two', arguments: '{}' } },
    ]);
  });

  it('names a streamed call that never got its id or name', () => {
    expect(() =>
      reassembleToolCalls([chunk({ tool_calls: [{ index: 0, function: { name: 'f' } }] })]),
    ).toThrow('streamed tool call 0 never received its id');
    expect(() => reassembleToolCalls([chunk({ tool_calls: [{ index: 2, id: 'x' }] })])).toThrow(
      'streamed tool call 2 never received its name',
    );
  });
});
