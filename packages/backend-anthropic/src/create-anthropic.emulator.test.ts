import type { ChatRequest } from '@switchyard/core';
import { type Emulator, startAnthropicEmulator } from '@switchyard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../backend-kit/src/__fixtures__/fixture-fetch.js';
import { createAnthropic } from './create-anthropic.js';

const apiKey = 'sk-ant-emulator-7c4e1a9b2d';

const request: ChatRequest = {
  model: 'cloud/claude',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'Weather in Oslo?' },
  ],
  temperature: 1.5,
  seed: 4,
  switchyard: { tier: 3 },
};

const schema = {
  type: 'object',
  properties: { city: { type: 'string' }, celsius: { type: 'integer' } },
  required: ['city', 'celsius'],
  additionalProperties: false,
};

describe('createAnthropic against the Anthropic emulator', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startAnthropicEmulator({ apiKey, replyText: 'It is 12°C and raining in Oslo.' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('generates, streams, returns structured output and tool calls, describes and probes over real HTTP', async () => {
    const claude = createAnthropic({ apiKey, baseUrl: emulator.url });

    const generated = await claude.doGenerate({ request, model: 'claude-sonnet-5' });
    expect(generated.completion.choices[0]?.message.content).toBe('It is 12°C and raining in Oslo.');
    expect(generated.usage.inputTokens).toBeGreaterThan(0);
    expect(generated.warnings).toEqual([
      'temperature 1.5 clamped to 1 (Anthropic accepts 0–1)',
      'seed dropped: the Anthropic Messages API has no equivalent',
    ]);

    const streamed = await collect((await claude.doStream({ request, model: 'claude-sonnet-5' })).stream);
    const streamedText = streamed
      .map((part) => (part.type === 'chunk' ? (part.chunk.choices[0]?.delta.content ?? '') : ''))
      .join('');
    expect(streamedText).toBe('It is 12°C and raining in Oslo.');
    expect(streamed.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });

    const structured = {
      ...request,
      response_format: { type: 'json_schema' as const, json_schema: { name: 'weather', schema } },
    };
    for (const structuredOutput of ['output-config', 'tool'] as const) {
      const backend = createAnthropic({ apiKey, baseUrl: emulator.url, structuredOutput });
      const { completion } = await backend.doGenerate({ request: structured, model: 'claude-sonnet-5' });
      expect(Object.keys(JSON.parse(completion.choices[0]?.message.content ?? 'null')).sort()).toEqual([
        'celsius',
        'city',
      ]);
      expect(completion.choices[0]?.finish_reason).toBe('stop');
    }

    const tools: ChatRequest['tools'] = [
      { type: 'function', function: { name: 'get_weather', parameters: schema } },
    ];
    const called = await collect(
      (
        await claude.doStream({
          request: { ...request, tools, tool_choice: 'required' },
          model: 'claude-sonnet-5',
        })
      ).stream,
    );
    const fragments = called.flatMap((part) =>
      part.type === 'chunk' ? (part.chunk.choices[0]?.delta.tool_calls ?? []) : [],
    );
    expect(fragments[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'get_weather' } });
    const argumentsText = fragments.map((fragment) => fragment.function?.arguments ?? '').join('');
    expect(Object.keys(JSON.parse(argumentsText)).sort()).toEqual(['celsius', 'city']);
    expect(called.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool_calls' });

    expect((await claude.describe()).models.map((model) => model.id)).toEqual([
      'claude-sonnet-5',
      'claude-haiku-4-5',
    ]);
    expect((await claude.probe()).status).toBe('up');
    expect(emulator.requests.every((recorded) => !recorded.rawBody.includes('switchyard'))).toBe(true);
  });

  it('classifies injected faults: 529, 429 with retry-after, an error event mid-stream, a cut stream, a bad key', async () => {
    const claude = createAnthropic({ apiKey, baseUrl: emulator.url });

    emulator.setFault({ type: 'status', status: 529 });
    await expect(claude.doGenerate({ request, model: 'claude-sonnet-5' })).rejects.toMatchObject({
      code: 'overloaded',
      isRetryable: true,
      status: 529,
    });

    emulator.setFault({ type: 'status', status: 429, retryAfter: 3 });
    await expect(claude.doGenerate({ request, model: 'claude-sonnet-5' })).rejects.toMatchObject({
      code: 'rate-limited',
      retryAfterMs: 3000,
    });

    emulator.setFault({ type: 'stream-error', afterChunks: 2 });
    const failing = await claude.doStream({ request, model: 'claude-sonnet-5' });
    await expect(collect(failing.stream)).rejects.toMatchObject({
      code: 'overloaded',
      phase: 'stream',
      isRetryable: true,
    });

    emulator.setFault({ type: 'cut-stream', afterChunks: 1 });
    const cut = await claude.doStream({ request, model: 'claude-sonnet-5' });
    await expect(collect(cut.stream)).rejects.toMatchObject({ code: 'network', phase: 'stream' });

    const wrongKey = createAnthropic({ apiKey: 'sk-ant-wrong-0000000000', baseUrl: emulator.url });
    const rejected = await wrongKey
      .doGenerate({ request, model: 'claude-sonnet-5' })
      .catch((error: unknown) => error);
    expect(rejected).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(JSON.stringify(rejected)).not.toContain('sk-ant-wrong-0000000000');
    expect((await wrongKey.probe()).status).toBe('down');
  });
});
