import type { StreamPart } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { collect, fixtureFetch, splitIntoChunks } from './__fixtures__/fixture-fetch.js';
import {
  backendWith,
  chunkTexts,
  completionBody,
  dialect,
  failure,
  openRouterStream,
  request,
  toolCallStream,
} from './__fixtures__/test-backend.js';
import { createOpenAICompatibleBackend } from './create-openai-compatible-backend.js';

// The stream normaliser, driven through the shared base as adapters use it.
describe('createOpenAICompatibleBackend: doStream', () => {
  it('streams tool-call fragments in order, strips usage from chunks, and finishes once with usage', async () => {
    const { backend, calls } = backendWith({
      '/v1/chat/completions': { chunks: splitIntoChunks(toolCallStream, 37) },
    });
    const { stream, warnings } = await backend.doStream({ request, model: 'gpt-4o-mini' });
    const parts = await collect(stream);
    expect(warnings).toEqual([]);
    expect(calls[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(calls[0]?.headers.accept).toBe('text/event-stream');

    expect(parts.map((part) => part.type)).toEqual([...Array(9).fill('chunk'), 'finish']);
    for (const part of parts) if (part.type === 'chunk') expect(part.chunk).not.toHaveProperty('usage');
    const fragments = parts.flatMap((part) =>
      part.type === 'chunk' ? (part.chunk.choices[0]?.delta.tool_calls ?? []) : [],
    );
    expect(fragments[0]).toEqual({
      index: 0,
      id: 'call_7QpX3mKa9bT2',
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    const argumentsOf = (index: number) =>
      fragments
        .filter((fragment) => fragment.index === index)
        .map((fragment) => fragment.function?.arguments ?? '')
        .join('');
    expect(JSON.parse(argumentsOf(0))).toEqual({ city: 'Paris' });
    expect(JSON.parse(argumentsOf(1))).toEqual({ zone: 'CET' });

    const finish = parts.at(-1);
    expect(finish).toMatchObject({
      type: 'finish',
      finishReason: 'tool_calls',
      usage: { inputTokens: 82, outputTokens: 41, cachedInputTokens: 64, reasoningTokens: 0 },
    });
    if (finish?.type === 'finish') {
      expect(finish.timing.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
      expect(finish.timing.durationMs).toBeGreaterThanOrEqual(finish.timing.timeToFirstTokenMs ?? 0);
    }
  });

  it('skips SSE comments, maps reasoning and takes OpenRouter cost into the finish part', async () => {
    const { backend } = backendWith({
      '/v1/chat/completions': { chunks: splitIntoChunks(openRouterStream, 5) },
    });
    const parts = await collect((await backend.doStream({ request, model: 'm' })).stream);
    expect(chunkTexts(parts)).toBe('Bonjour, ça va ? 👋 日本語も');
    const first = parts[0];
    expect(first?.type === 'chunk' && first.chunk.choices[0]?.delta.reasoning).toBe('Greeting in French');
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 14, outputTokens: 9, reasoningTokens: 3, providerCostUsd: 0.0000005 },
    });
  });

  it('fails with phase stream when the stream is cut before [DONE], after yielding what arrived', async () => {
    const cut = toolCallStream.slice(0, toolCallStream.indexOf('data: [DONE]'));
    const { backend } = backendWith({ '/v1/chat/completions': { chunks: [cut] } });
    const { stream } = await backend.doStream({ request, model: 'm' });
    const seen: StreamPart[] = [];
    const error = await failure(
      (async () => {
        for await (const part of stream) seen.push(part);
      })(),
    );
    expect(seen).toHaveLength(9);
    expect(seen.every((part) => part.type === 'chunk')).toBe(true);
    expect(error).toMatchObject({ code: 'network', phase: 'stream', isRetryable: true });
    expect(error.message).toBe('the stream ended without [DONE] (after 9 chunks)');
  });

  it('fails with phase stream when the stream ends without a finish_reason, even at [DONE]', async () => {
    const lines = toolCallStream
      .split('\n\n')
      .filter((event) => !event.includes('"finish_reason":"tool_calls"'));
    const { backend } = backendWith({ '/v1/chat/completions': { chunks: [lines.join('\n\n')] } });
    const error = await failure(collect((await backend.doStream({ request, model: 'm' })).stream));
    expect(error).toMatchObject({ code: 'network', phase: 'stream' });
    expect(error.message).toBe('the stream ended before a finish_reason (after 8 chunks, at [DONE])');
  });

  it('throws an in-stream error object as a classified stream error', async () => {
    const events = toolCallStream.split('\n\n').slice(0, 3).join('\n\n');
    const body = `${events}\n\ndata: {"error":{"code":"server_error","message":"Provider disconnected; token sk-or-v1-abcdef0123456789"},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}\n\n`;
    const { backend } = backendWith({ '/v1/chat/completions': { chunks: [body] } });
    const error = await failure(collect((await backend.doStream({ request, model: 'm' })).stream));
    expect(error).toMatchObject({ code: 'unknown', phase: 'stream', isRetryable: true });
    expect(error.message).toBe('Provider disconnected; token sk-[redacted]');
  });

  it('throws an `event: error` as a stream error', async () => {
    const body =
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    const { backend } = backendWith({ '/v1/chat/completions': { chunks: [body] } });
    const error = await failure(collect((await backend.doStream({ request, model: 'm' })).stream));
    expect(error).toMatchObject({ code: 'overloaded', phase: 'stream' });
  });

  it('rejects doStream itself (phase headers) when the server answers an HTTP error', async () => {
    const { backend } = backendWith({
      '/v1/chat/completions': {
        status: 429,
        headers: { 'content-type': 'application/json', 'retry-after': '3' },
        body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } },
      },
    });
    const error = await failure(backend.doStream({ request, model: 'm' }));
    expect(error).toMatchObject({
      code: 'rate-limited',
      phase: 'headers',
      retryAfterMs: 3000,
      isRetryable: true,
    });
  });

  it('reports a JSON body answering a stream request', async () => {
    const { backend } = backendWith({ '/v1/chat/completions': { body: completionBody } });
    const error = await failure(backend.doStream({ request, model: 'm' }));
    expect(error).toMatchObject({ code: 'invalid-output', phase: 'headers' });
  });

  it('maps an abort mid-stream to aborted / stream and closes the connection', async () => {
    const events = toolCallStream.split('\n\n').slice(0, 2).join('\n\n');
    const { backend, calls } = backendWith({
      '/v1/chat/completions': { chunks: [`${events}\n\n`], hang: true },
    });
    const controller = new AbortController();
    const { stream } = await backend.doStream({ request, model: 'm', signal: controller.signal });
    const seen: StreamPart[] = [];
    const error = await failure(
      (async () => {
        for await (const part of stream) {
          seen.push(part);
          if (seen.length === 2) controller.abort();
        }
      })(),
    );
    expect(seen).toHaveLength(2);
    expect(error).toMatchObject({ code: 'aborted', phase: 'stream', isRetryable: false });
    expect(calls[0]?.signal?.aborted).toBe(true);
  });

  it('cancels the body when the consumer stops early', async () => {
    const { backend, calls } = backendWith({
      '/v1/chat/completions': { chunks: splitIntoChunks(toolCallStream, 50) },
    });
    const { stream } = await backend.doStream({ request, model: 'm' });
    for await (const part of stream) if (part.type === 'chunk') break;
    expect(calls[0]?.bodyCancelled).toBe(true);
  });

  it('times out a stalled stream with streamIdleTimeoutMs', async () => {
    const events = toolCallStream.split('\n\n').slice(0, 1).join('\n\n');
    const fake = fixtureFetch({ '/v1/chat/completions': { chunks: [`${events}\n\n`], hang: true } });
    const backend = createOpenAICompatibleBackend(
      { baseUrl: 'http://h/v1', apiKey: 'k-123456', fetch: fake.fetch, streamIdleTimeoutMs: 30 },
      dialect,
    );
    const error = await failure(collect((await backend.doStream({ request, model: 'm' })).stream));
    expect(error).toMatchObject({ code: 'timeout', phase: 'stream', isRetryable: true });
    expect(error.message).toBe('timed out calling http://h/v1/chat/completions: no data for 30 ms');
    expect(fake.calls[0]?.bodyCancelled).toBe(true);
  });
});
