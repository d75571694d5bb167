import type { BackendErrorCode, ChatRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { failure } from '../../backend-kit/src/__fixtures__/call-failure.js';
import {
  collect,
  fixtureFetch,
  loadChunks,
  loadFixture,
} from '../../backend-kit/src/__fixtures__/fixture-fetch.js';
import { createOpenAI } from './create-openai.js';

const fixtures = new URL('./__fixtures__/', import.meta.url);
const kitFixtures = new URL('../../backend-kit/src/__fixtures__/', import.meta.url);
const chat = '/v1/chat/completions';
const key = 'sk-proj-UnitTestKey0123456789';
const schema = {
  type: 'object',
  properties: { city: { type: 'string' } },
  required: ['city'],
  additionalProperties: false,
};
const request: ChatRequest = {
  model: 'gpt-4o-mini',
  messages: [
    { role: 'developer', content: 'Answer in JSON.' },
    { role: 'user', content: 'Capital of France?' },
  ],
  max_tokens: 20,
  switchyard: { privacy: 'any', maxCostUsd: 0.01 },
};

function openai(
  routes: Parameters<typeof fixtureFetch>[0],
  settings: Parameters<typeof createOpenAI>[0] = { apiKey: key },
) {
  const fake = fixtureFetch(routes);
  return { backend: createOpenAI({ ...settings, fetch: fake.fetch }), calls: fake.calls };
}

describe('createOpenAI: requests', () => {
  it('calls api.openai.com with max_completion_tokens, developer kept, and no switchyard field', async () => {
    const { backend, calls } = openai(
      { [`POST ${chat}`]: loadFixture(fixtures, 'openai-text') },
      { apiKey: key, organization: 'org-1', project: 'proj-1' },
    );
    const { completion, usage } = await backend.doGenerate({ request, model: 'gpt-4o-mini' });
    const call = calls[0]!;
    expect(call.url).toBe('https://api.openai.com/v1/chat/completions');
    expect(call.headers).toMatchObject({
      authorization: `Bearer ${key}`,
      'openai-organization': 'org-1',
      'openai-project': 'proj-1',
    });
    expect(call.body).toEqual({
      model: 'gpt-4o-mini',
      messages: request.messages,
      max_completion_tokens: 20,
      stream: false,
    });
    expect(completion.model).toBe('gpt-4o-mini-2024-07-18');
    expect(usage).toEqual({
      inputTokens: 1200,
      outputTokens: 6,
      cachedInputTokens: 1024,
      reasoningTokens: 0,
    });
  });

  it.each([
    [undefined, true],
    [null, true],
    [false, false],
    [true, true],
  ])('sends json_schema with strict %s → %s', async (strict, expected) => {
    const { backend, calls } = openai({ [chat]: loadFixture(fixtures, 'openai-text') });
    const responseFormat = { type: 'json_schema' as const, json_schema: { name: 'city', schema, strict } };
    await backend.doGenerate({
      request: { ...request, response_format: responseFormat },
      model: 'gpt-4o-mini',
    });
    expect(calls[0]?.body).toMatchObject({
      response_format: { type: 'json_schema', json_schema: { name: 'city', schema, strict: expected } },
    });
  });

  it('streams with include_usage and keeps usage out of the chunks', async () => {
    const { backend, calls } = openai({
      [chat]: { chunks: [loadChunks(kitFixtures, 'openai-stream-tool-call')] },
    });
    const parts = await collect((await backend.doStream({ request, model: 'gpt-4o-mini' })).stream);
    expect(calls[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'tool_calls',
      usage: { inputTokens: 82, cachedInputTokens: 64 },
    });
  });
});

describe('createOpenAI: key handling', () => {
  it('constructs without a key and fails calls with unauthorized naming OPENAI_API_KEY, without calling', async () => {
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      const { backend, calls } = openai({ [chat]: loadFixture(fixtures, 'openai-text') }, {});
      const error = await failure(backend.doGenerate({ request, model: 'gpt-4o-mini' }));
      expect(error).toMatchObject({ code: 'unauthorized', isRetryable: false, backend: 'openai' });
      expect(error.message).toBe('OpenAI needs an API key: set OPENAI_API_KEY or pass apiKey');
      expect(await backend.probe()).toEqual({
        status: 'down',
        latencyMs: 0,
        detail: 'no API key: set OPENAI_API_KEY or pass apiKey',
      });
      expect(calls).toHaveLength(0);
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
  });

  it('never puts the key in an error, even when the body and settings both hold it', async () => {
    const echo = {
      status: 401,
      body: {
        error: {
          message: `Incorrect API key provided: ${key}.`,
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      },
    };
    const { backend } = openai({ [chat]: echo });
    const error = await failure(backend.doGenerate({ request, model: 'gpt-4o-mini' }));
    expect(error.code).toBe('unauthorized');
    expect(error.message).not.toContain('UnitTestKey');
    expect(JSON.stringify(error.toJSON())).not.toContain('UnitTestKey');
    expect(String(error.stack)).not.toContain('UnitTestKey');
  });
});

describe('createOpenAI: errors', () => {
  it.each<[string, BackendErrorCode, boolean, number | undefined]>([
    ['openai-error-rate-limit', 'rate-limited', true, 120],
    ['openai-error-quota', 'quota-exhausted', false, undefined],
    ['openai-error-context', 'context-length-exceeded', false, undefined],
    ['openai-error-auth', 'unauthorized', false, undefined],
    ['openai-error-model', 'model-not-found', false, undefined],
    ['openai-error-overloaded', 'overloaded', true, undefined],
    ['openai-error-server', 'unknown', true, undefined],
    ['openai-error-schema', 'invalid-request', false, undefined],
  ])('%s → %s', async (name, code, retryable, retryAfterMs) => {
    const fixture = loadFixture(fixtures, name);
    const { backend } = openai({ [chat]: fixture });
    const error = await failure(backend.doGenerate({ request, model: 'gpt-4o-mini' }));
    expect(error).toMatchObject({
      code,
      isRetryable: retryable,
      status: fixture.status,
      retryAfterMs,
      backend: 'openai',
    });
  });
});

describe('createOpenAI: describe and probe', () => {
  it('lists model ids from GET /v1/models', async () => {
    const { backend, calls } = openai({ 'GET /v1/models': loadFixture(fixtures, 'openai-models') });
    expect(await backend.describe()).toEqual({
      backend: 'openai',
      kind: 'openai',
      models: [{ id: 'gpt-4o-mini' }, { id: 'gpt-4.1' }],
    });
    expect(calls[0]?.headers.authorization).toBe(`Bearer ${key}`);
  });

  it('probes with the free GET /v1/models (never a chat call) and reports a bad key as down', async () => {
    const good = openai({ 'GET /v1/models': loadFixture(fixtures, 'openai-models') });
    expect(await good.backend.probe()).toMatchObject({ status: 'up' });
    expect(good.calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'GET https://api.openai.com/v1/models',
    ]);
    const bad = openai({ 'GET /v1/models': loadFixture(fixtures, 'openai-error-auth') });
    const result = await bad.backend.probe();
    expect(result.status).toBe('down');
    expect(result.detail).toMatch(/^unauthorized \(HTTP 401\): Incorrect API key provided: sk-\[redacted\]/);
  });
});
