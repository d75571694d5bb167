import type { BackendErrorCode, ChatRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { failure } from '../../backend-kit/src/__fixtures__/call-failure.js';
import {
  collect,
  fixtureFetch,
  loadChunks,
  loadFixture,
} from '../../backend-kit/src/__fixtures__/fixture-fetch.js';
import { createOpenRouter } from './create-openrouter.js';
import type { OpenRouterSettings } from './openrouter-settings.js';

const fixtures = new URL('./__fixtures__/', import.meta.url);
const chat = '/api/v1/chat/completions';
const key = 'sk-or-v1-0123456789abcdef0123456789abcdef';
const request: ChatRequest = {
  model: 'auto',
  messages: [{ role: 'user', content: 'Say hello in French.' }],
  switchyard: { tags: ['team-a'] },
};
const weatherTool = {
  type: 'function',
  function: { name: 'get_weather', parameters: { type: 'object' } },
} as const;

function openrouter(routes: Parameters<typeof fixtureFetch>[0], settings: OpenRouterSettings = {}) {
  const fake = fixtureFetch(routes);
  return { backend: createOpenRouter({ apiKey: key, ...settings, fetch: fake.fetch }), calls: fake.calls };
}

describe('createOpenRouter: requests', () => {
  it('adds the models fallback list, provider preferences and attribution headers; reports usage.cost', async () => {
    const { backend, calls } = openrouter(
      { [`POST ${chat}`]: loadFixture(fixtures, 'openrouter-text') },
      {
        models: ['meta-llama/llama-3.1-8b-instruct', 'qwen/qwen-2.5-72b-instruct'],
        provider: { data_collection: 'deny', quantizations: ['fp8', 'bf16'], sort: 'price' },
        appUrl: 'https://example.test',
        appName: 'Switchyard tests',
      },
    );
    const { completion, usage } = await backend.doGenerate({
      request,
      model: 'meta-llama/llama-3.1-8b-instruct',
    });
    const call = calls[0]!;
    expect(call.url).toBe('https://openrouter.ai/api/v1/chat/completions');
    expect(call.headers).toMatchObject({
      authorization: `Bearer ${key}`,
      'http-referer': 'https://example.test',
      'x-title': 'Switchyard tests',
    });
    expect(call.body).toEqual({
      model: 'meta-llama/llama-3.1-8b-instruct',
      messages: request.messages,
      stream: false,
      models: ['meta-llama/llama-3.1-8b-instruct', 'qwen/qwen-2.5-72b-instruct'],
      provider: { data_collection: 'deny', quantizations: ['fp8', 'bf16'], sort: 'price' },
    });
    expect(completion.choices[0]?.message).toEqual({ role: 'assistant', content: 'Bonjour !' });
    expect(usage).toEqual({
      inputTokens: 14,
      outputTokens: 4,
      cachedInputTokens: 0,
      reasoningTokens: 0,
      providerCostUsd: 0.00000036,
    });
  });

  it.each([
    ['response_format', { response_format: { type: 'json_object' } }, {}, { require_parameters: true }],
    ['tools', { tools: [weatherTool] }, {}, { require_parameters: true }],
    [
      'tools, opted out',
      { tools: [weatherTool] },
      { require_parameters: false },
      { require_parameters: false },
    ],
    ['response_format text', { response_format: { type: 'text' } }, {}, undefined],
    ['plain', {}, {}, undefined],
  ] as const)('provider.require_parameters with %s', async (_name, extra, provider, expected) => {
    const { backend, calls } = openrouter({ [chat]: loadFixture(fixtures, 'openrouter-text') }, { provider });
    await backend.doGenerate({ request: { ...request, ...extra } as ChatRequest, model: 'm' });
    expect((calls[0]!.body as Record<string, unknown>).provider).toEqual(expected);
  });

  it('keeps the operator provider settings over the caller’s own provider field', async () => {
    const { backend, calls } = openrouter(
      { [chat]: loadFixture(fixtures, 'openrouter-text') },
      { provider: { data_collection: 'deny' } },
    );
    const withProvider = {
      ...request,
      provider: { data_collection: 'allow', order: ['Groq'] },
    } as ChatRequest;
    await backend.doGenerate({ request: withProvider, model: 'm' });
    expect((calls[0]!.body as Record<string, unknown>).provider).toEqual({
      data_collection: 'deny',
      order: ['Groq'],
    });
  });

  it('streams past keep-alive comments with cost in the finish part', async () => {
    const { backend } = openrouter({ [chat]: { chunks: [loadChunks(fixtures, 'openrouter-stream')] } });
    const parts = await collect((await backend.doStream({ request, model: 'm' })).stream);
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { providerCostUsd: 0.00000036 },
    });
  });

  it('throws a mid-stream error (HTTP 200) as a stream error', async () => {
    const { backend } = openrouter({ [chat]: { chunks: [loadChunks(fixtures, 'openrouter-stream-error')] } });
    const error = await failure(collect((await backend.doStream({ request, model: 'm' })).stream));
    expect(error).toMatchObject({
      code: 'unknown',
      phase: 'stream',
      message: 'Provider disconnected unexpectedly',
    });
  });
});

describe('createOpenRouter: errors', () => {
  it.each<[string, BackendErrorCode, boolean, string]>([
    ['openrouter-error-credits', 'quota-exhausted', false, ''],
    ['openrouter-error-moderation', 'invalid-request', false, '(provider: OpenAI) (flagged by moderation)'],
    [
      'openrouter-error-no-endpoints',
      'unsupported',
      false,
      '(no OpenRouter provider matches the request parameters and provider preferences)',
    ],
    [
      'openrouter-error-no-provider',
      'unsupported',
      false,
      '(no OpenRouter provider matches the request parameters and provider preferences)',
    ],
    ['openrouter-error-bad-model', 'model-not-found', false, ''],
    ['openrouter-error-rate-limit', 'rate-limited', true, ''],
    ['openrouter-error-upstream', 'unavailable', true, '(provider: Together)'],
    ['openrouter-error-auth', 'unauthorized', false, ''],
  ])('%s → %s', async (name, code, retryable, suffix) => {
    const fixture = loadFixture(fixtures, name);
    const { backend } = openrouter({ [chat]: fixture });
    const error = await failure(backend.doGenerate({ request, model: 'm' }));
    expect(error).toMatchObject({
      code,
      isRetryable: retryable,
      status: fixture.status,
      backend: 'openrouter',
    });
    expect(error.message.endsWith(suffix)).toBe(true);
  });

  it('honours Retry-After on 429', async () => {
    const { backend } = openrouter({ [chat]: loadFixture(fixtures, 'openrouter-error-rate-limit') });
    expect(await failure(backend.doGenerate({ request, model: 'm' }))).toMatchObject({
      retryAfterMs: 12_000,
    });
  });
});

describe('createOpenRouter: describe and probe', () => {
  it('reads the public catalog without a key, with prices in USD per million tokens', async () => {
    const saved = process.env.OPENROUTER_API_KEY;
    delete process.env.OPENROUTER_API_KEY;
    try {
      const fake = fixtureFetch({ 'GET /api/v1/models': loadFixture(fixtures, 'openrouter-models') });
      const backend = createOpenRouter({ fetch: fake.fetch });
      const { models } = await backend.describe();
      expect(fake.calls[0]?.headers).not.toHaveProperty('authorization');
      expect(models).toEqual([
        {
          id: 'meta-llama/llama-3.1-8b-instruct',
          name: 'Meta: Llama 3.1 8B Instruct',
          contextWindow: 131072,
          capabilities: {
            contextWindow: 131072,
            maxOutputTokens: 16384,
            tools: true,
            structuredOutput: 'json-mode',
            vision: false,
          },
          price: { type: 'per-token', inputPerMillionUsd: 0.02, outputPerMillionUsd: 0.03 },
        },
        {
          id: 'openai/gpt-4o',
          name: 'OpenAI: GPT-4o',
          contextWindow: 128000,
          capabilities: {
            contextWindow: 128000,
            maxOutputTokens: 16384,
            tools: true,
            structuredOutput: 'native',
            vision: true,
          },
          price: {
            type: 'per-token',
            inputPerMillionUsd: 2.5,
            outputPerMillionUsd: 10,
            cachedInputPerMillionUsd: 1.25,
          },
        },
        {
          id: 'openrouter/auto',
          name: 'Auto Router',
          contextWindow: 2000000,
          capabilities: { contextWindow: 2000000, tools: false, structuredOutput: 'none', vision: true },
        },
      ]);
    } finally {
      if (saved !== undefined) process.env.OPENROUTER_API_KEY = saved;
    }
  });

  it('probes the key with GET /api/v1/key, and is down without a key', async () => {
    const { backend, calls } = openrouter({ 'GET /api/v1/key': loadFixture(fixtures, 'openrouter-key') });
    expect(await backend.probe()).toMatchObject({ status: 'up' });
    expect(calls.map((call) => call.url)).toEqual(['https://openrouter.ai/api/v1/key']);
    const none = createOpenRouter({ apiKey: () => undefined, apiKeyEnv: 'SWITCHYARD_TEST_NO_SUCH_VARIABLE' });
    expect(await none.probe()).toMatchObject({
      status: 'down',
      detail:
        'no API key: the apiKey setting returned no key and SWITCHYARD_TEST_NO_SUCH_VARIABLE is not set',
    });
  });
});
