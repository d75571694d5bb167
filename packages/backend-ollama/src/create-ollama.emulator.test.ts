import type { ChatRequest } from '@switchyard/core';
import { type Emulator, evalNanosecondsPerToken, startOllamaEmulator } from '@switchyard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../backend-kit/src/__fixtures__/fixture-fetch.js';
import { createOllama } from './create-ollama.js';

const request: ChatRequest = {
  model: 'local/llama',
  messages: [{ role: 'user', content: 'Weather in Oslo?' }],
  temperature: 0.2,
  switchyard: { privacy: 'local-only' },
};

const tools: ChatRequest['tools'] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  },
];

describe('createOllama against the Ollama emulator', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startOllamaEmulator({ replyText: 'It is 12°C and raining in Oslo.' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('generates, streams, calls tools, warms up, describes and probes over real HTTP', async () => {
    const ollama = createOllama({ baseUrl: emulator.url, numCtx: 8192, keepAlive: '30m' });

    await ollama.warmUp('qwen2.5:14b');
    expect((await ollama.probe()).detail).toContain('qwen2.5:14b');

    const generated = await ollama.doGenerate({ request, model: 'llama3.1:8b' });
    expect(generated.completion.choices[0]?.message.content).toBe('It is 12°C and raining in Oslo.');
    expect(generated.usage.outputTokens).toBeGreaterThan(0);
    expect(generated.timing.outputTokensPerSecond).toBe(1e9 / evalNanosecondsPerToken);
    const sent = emulator.requests.at(-1)?.body as Record<string, unknown>;
    expect(sent).toMatchObject({
      stream: false,
      keep_alive: '30m',
      options: { num_ctx: 8192, temperature: 0.2 },
    });
    expect(sent).not.toHaveProperty('switchyard');

    const streamed = await collect((await ollama.doStream({ request, model: 'llama3.1:8b' })).stream);
    const streamedText = streamed
      .map((part) => (part.type === 'chunk' ? (part.chunk.choices[0]?.delta.content ?? '') : ''))
      .join('');
    expect(streamedText).toBe('It is 12°C and raining in Oslo.');
    expect(streamed.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });

    emulator.setResponder((input) =>
      input.tools.length > 0
        ? { toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] }
        : undefined,
    );
    const called = await ollama.doGenerate({ request: { ...request, tools }, model: 'llama3.1:8b' });
    emulator.setResponder(undefined);
    expect(called.completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(called.completion.choices[0]?.message.tool_calls?.[0]?.function).toEqual({
      name: 'get_weather',
      arguments: '{"city":"Oslo"}',
    });

    const { models } = await ollama.describe();
    expect(models.map((model) => [model.id, model.quantization, model.loaded])).toEqual([
      ['llama3.1:8b', 'Q4_K_M', true],
      ['qwen2.5:14b', 'Q4_K_M', true],
    ]);
  });

  it('classifies injected faults: 503 queue full, an error line mid-stream, a cut stream', async () => {
    const ollama = createOllama({ baseUrl: emulator.url });

    emulator.setFault({ type: 'status', status: 503 });
    await expect(ollama.doGenerate({ request, model: 'llama3.1:8b' })).rejects.toMatchObject({
      code: 'overloaded',
      isRetryable: true,
      status: 503,
      phase: 'headers',
    });

    emulator.setFault({ type: 'stream-error', afterChunks: 2 });
    const failing = await ollama.doStream({ request, model: 'llama3.1:8b' });
    await expect(collect(failing.stream)).rejects.toMatchObject({ code: 'unavailable', phase: 'stream' });

    emulator.setFault({ type: 'cut-stream', afterChunks: 1 });
    const cut = await ollama.doStream({ request, model: 'llama3.1:8b' });
    await expect(collect(cut.stream)).rejects.toMatchObject({ code: 'network', phase: 'stream' });

    await expect(ollama.doGenerate({ request, model: 'missing:1b' })).rejects.toMatchObject({
      code: 'model-not-found',
      status: 404,
    });
  });
});
