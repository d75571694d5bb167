import { type BackendCall, BackendCallError, type StreamPart } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { createMockBackend } from './create-mock-backend.js';

const call: BackendCall = {
  request: { model: 'auto', messages: [{ role: 'user', content: 'Hello there!' }] },
  model: 'm',
};

async function collect(stream: AsyncIterable<StreamPart>): Promise<{ parts: StreamPart[]; error: unknown }> {
  const parts: StreamPart[] = [];
  try {
    for await (const part of stream) parts.push(part);
    return { parts, error: undefined };
  } catch (error) {
    return { parts, error };
  }
}

describe('createMockBackend', () => {
  it('answers the default reply with estimated usage and records the call', async () => {
    const backend = createMockBackend({ id: 'local' });
    const result = await backend.doGenerate(call);
    expect(result.completion.choices[0]).toMatchObject({
      message: { content: 'Hello from mock backend.' },
      finish_reason: 'stop',
    });
    expect(result.usage).toEqual({
      inputTokens: 3,
      outputTokens: 6,
      cachedInputTokens: 0,
      reasoningTokens: 0,
    });
    expect(backend.calls).toEqual([{ method: 'generate', call, step: { type: 'reply' } }]);
    expect(backend).toMatchObject({ specificationVersion: 'v1', id: 'local', kind: 'openai-compatible' });
  });

  it('follows the script in order, then `respond`', async () => {
    const backend = createMockBackend({
      script: [
        { type: 'error', code: 'rate-limited', status: 429, retryAfterMs: 250 },
        { type: 'reply', json: { ok: true } },
      ],
      respond: (_call, index) => ({ type: 'reply', text: `call ${index}` }),
    });
    const error = await backend.doGenerate(call).catch((caught: unknown) => caught);
    expect(BackendCallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'rate-limited',
      status: 429,
      retryAfterMs: 250,
      isRetryable: true,
      phase: 'headers',
      backend: 'mock',
    });
    expect((await backend.doGenerate(call)).completion.choices[0]?.message.content).toBe('{"ok":true}');
    expect((await backend.doGenerate(call)).completion.choices[0]?.message.content).toBe('call 2');
    backend.enqueue({ type: 'error', code: 'context-length-exceeded', status: 400 });
    await expect(backend.doGenerate(call)).rejects.toMatchObject({
      code: 'context-length-exceeded',
      isRetryable: false,
    });
  });

  it('returns tool calls with JSON-string arguments and finish_reason tool_calls', async () => {
    const backend = createMockBackend({
      script: [{ type: 'reply', toolCalls: [{ name: 'lookup', arguments: { q: 'x' } }] }],
    });
    const { completion } = await backend.doGenerate(call);
    expect(completion.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        content: null,
        tool_calls: [{ type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } }],
      },
    });
  });

  it('streams chunks then exactly one finish part', async () => {
    const backend = createMockBackend({
      script: [{ type: 'reply', text: 'one two three', usage: { outputTokens: 3 } }],
    });
    const { parts, error } = await collect((await backend.doStream(call)).stream);
    expect(error).toBeUndefined();
    const text = parts
      .map((part) => (part.type === 'chunk' ? (part.chunk.choices[0]?.delta.content ?? '') : ''))
      .join('');
    expect(text).toBe('one two three');
    expect(parts.filter((part) => part.type === 'finish')).toEqual([
      {
        type: 'finish',
        finishReason: 'stop',
        usage: expect.objectContaining({ outputTokens: 3 }),
        timing: { durationMs: 0 },
      },
    ]);
  });

  it('cuts a stream after N content chunks with a stream-phase error and no finish', async () => {
    const backend = createMockBackend({ script: [{ type: 'cut', afterChunks: 2, text: 'a b c d' }] });
    const { parts, error } = await collect((await backend.doStream(call)).stream);
    const contents = parts.flatMap((part) =>
      part.type === 'chunk' ? [part.chunk.choices[0]?.delta.content] : [],
    );
    expect(contents).toEqual(['', 'a', ' b']);
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
    expect(error).toMatchObject({ code: 'network', phase: 'stream', isRetryable: true });
  });

  it('delays, and aborts a delayed or hung call with code aborted', async () => {
    const backend = createMockBackend({
      script: [{ type: 'reply', delayMs: 60 }, { type: 'hang' }, { type: 'reply', delayMs: 5_000 }],
    });
    const started = performance.now();
    const result = await backend.doGenerate(call);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(result.timing.durationMs).toBe(60);
    await expect(backend.doGenerate({ ...call, signal: AbortSignal.timeout(20) })).rejects.toMatchObject({
      code: 'aborted',
    });
    await expect(backend.doStream({ ...call, signal: AbortSignal.timeout(20) })).rejects.toMatchObject({
      code: 'aborted',
    });
  });

  it('aborts between streamed chunks', async () => {
    const backend = createMockBackend({ script: [{ type: 'reply', text: 'a b c d e f', chunkDelayMs: 30 }] });
    const { error } = await collect(
      (await backend.doStream({ ...call, signal: AbortSignal.timeout(50) })).stream,
    );
    expect(error).toMatchObject({ code: 'aborted', phase: 'stream' });
  });

  it('describes, probes and closes', async () => {
    const backend = createMockBackend({
      kind: 'vllm',
      models: [{ id: 'qwen', contextWindow: 32768 }],
      probe: () => ({ status: 'loading', latencyMs: 3 }),
    });
    expect(await backend.describe()).toEqual({
      backend: 'mock',
      kind: 'vllm',
      models: [{ id: 'qwen', contextWindow: 32768 }],
    });
    expect(await backend.probe()).toEqual({ status: 'loading', latencyMs: 3 });
    expect(backend.closed).toBe(false);
    await backend.close?.();
    expect(backend.closed).toBe(true);
  });
});
