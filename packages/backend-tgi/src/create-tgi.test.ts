import type { BackendErrorCode, ChatRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { failure } from '../../backend-kit/src/__fixtures__/call-failure.js';
import {
  collect,
  fixtureFetch,
  loadChunks,
  loadFixture,
} from '../../backend-kit/src/__fixtures__/fixture-fetch.js';
import { createTgi } from './create-tgi.js';

const fixtures = new URL('./__fixtures__/', import.meta.url);
const chat = '/v1/chat/completions';
const request: ChatRequest = {
  model: 'auto',
  messages: [{ role: 'user', content: 'Capital of France?' }],
  max_completion_tokens: 50,
  switchyard: { privacy: 'local-only' },
};
const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
const weatherTool = {
  type: 'function',
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
} as const;

function tgi(routes: Parameters<typeof fixtureFetch>[0]) {
  const fake = fixtureFetch(routes);
  return { backend: createTgi({ baseUrl: 'http://tgi:8080/', fetch: fake.fetch }), calls: fake.calls };
}

describe('createTgi: requests and answers', () => {
  it('sends max_tokens and maps the answer (TGI sends an empty id)', async () => {
    const { backend, calls } = tgi({ [`POST ${chat}`]: loadFixture(fixtures, 'tgi-text') });
    const { completion, usage } = await backend.doGenerate({ request, model: 'tgi' });
    expect(calls[0]?.url).toBe('http://tgi:8080/v1/chat/completions');
    expect(calls[0]?.body).toEqual({
      model: 'tgi',
      messages: request.messages,
      max_tokens: 50,
      stream: false,
    });
    expect(completion.id).toMatch(/^chatcmpl-[0-9a-f-]{36}$/);
    expect(completion.choices[0]?.message.content).toBe('Paris is the capital of France.');
    expect(usage).toEqual({ inputTokens: 27, outputTokens: 9, cachedInputTokens: 0, reasoningTokens: 0 });
  });

  it.each([
    [
      { type: 'json_schema', json_schema: { name: 'city', schema } },
      { type: 'json', value: schema },
    ],
    [
      { type: 'json_schema', json_schema: { name: 'anything' } },
      { type: 'json', value: { type: 'object' } },
    ],
    [{ type: 'json_object' }, { type: 'json', value: { type: 'object' } }],
  ] as const)('converts response_format %o to TGI grammar %o', async (responseFormat, expected) => {
    const { backend, calls } = tgi({ [chat]: loadFixture(fixtures, 'tgi-text') });
    await backend.doGenerate({ request: { ...request, response_format: responseFormat }, model: 'tgi' });
    expect((calls[0]!.body as Record<string, unknown>).response_format).toEqual(expected);
  });

  it('drops response_format text, wraps a string stop, and drops presence_penalty with a warning', async () => {
    const { backend, calls } = tgi({ [chat]: loadFixture(fixtures, 'tgi-text') });
    const { warnings } = await backend.doGenerate({
      request: { ...request, response_format: { type: 'text' }, stop: 'END', presence_penalty: 0.5 },
      model: 'tgi',
    });
    const body = calls[0]?.body as Record<string, unknown>;
    expect(body).not.toHaveProperty('response_format');
    expect(body).not.toHaveProperty('presence_penalty');
    expect(body.stop).toEqual(['END']);
    expect(warnings).toEqual([
      'dropped presence_penalty: TGI maps it to repetition_penalty = presence_penalty + 2',
    ]);
  });

  it('maps a pre-3.2 tool call (object arguments, finish "stop") to the OpenAI shape', async () => {
    const { backend } = tgi({ [chat]: loadFixture(fixtures, 'tgi-tool-call-v3-1') });
    const { completion } = await backend.doGenerate({
      request: { ...request, tools: [weatherTool] },
      model: 'tgi',
    });
    expect(completion.choices[0]).toEqual({
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: '0', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        ],
      },
      finish_reason: 'tool_calls',
    });
  });

  it('sends tools together with response_format and classifies TGI 422 as unsupported', async () => {
    const { backend, calls } = tgi({ [chat]: loadFixture(fixtures, 'tgi-error-grammar-tools') });
    const error = await failure(
      backend.doGenerate({
        request: { ...request, tools: [weatherTool], response_format: { type: 'json_object' } },
        model: 'tgi',
      }),
    );
    expect(calls[0]?.body).toMatchObject({
      tools: [weatherTool],
      response_format: { type: 'json', value: { type: 'object' } },
    });
    expect(error).toMatchObject({ code: 'unsupported', status: 422, isRetryable: false });
    expect(error.message).toBe(
      'Grammar and tools are mutually exclusive (TGI cannot combine response_format and tools in one request)',
    );
  });
});

describe('createTgi: stream', () => {
  it('streams the chunks (data: without a space) and maps eos_token to stop', async () => {
    const { backend } = tgi({ [chat]: { chunks: [loadChunks(fixtures, 'tgi-stream')] } });
    const parts = await collect((await backend.doStream({ request, model: 'tgi' })).stream);
    const content = parts
      .map((part) => (part.type === 'chunk' ? (part.chunk.choices[0]?.delta.content ?? '') : ''))
      .join('');
    expect(content).toBe('Paris is the capital of France.');
    const finishChunk = parts.at(-2);
    expect(finishChunk?.type === 'chunk' && finishChunk.chunk.choices[0]?.finish_reason).toBe('stop');
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 27, outputTokens: 8 },
    });
  });

  it('throws the in-stream error event (http_status_code inside) as a stream error', async () => {
    const { backend } = tgi({ [chat]: { chunks: [loadChunks(fixtures, 'tgi-stream-error')] } });
    const error = await failure(collect((await backend.doStream({ request, model: 'tgi' })).stream));
    expect(error).toMatchObject({ code: 'unavailable', status: 424, phase: 'stream', isRetryable: true });
    expect(error.message).toMatch(/^Request failed during generation/);
  });
});

describe('createTgi: errors', () => {
  it.each<[string, BackendErrorCode, boolean]>([
    ['tgi-error-context', 'context-length-exceeded', false],
    ['tgi-error-input-too-long', 'context-length-exceeded', false],
    ['tgi-error-validation', 'invalid-request', false],
    ['tgi-error-missing-value', 'invalid-request', false],
    ['tgi-error-template', 'invalid-request', false],
    ['tgi-error-overloaded', 'overloaded', true],
    ['tgi-error-generation', 'unavailable', true],
    ['tgi-error-incomplete', 'unknown', true],
  ])('%s → %s', async (name, code, retryable) => {
    const fixture = loadFixture(fixtures, name);
    const { backend } = tgi({ [chat]: fixture });
    const error = await failure(backend.doGenerate({ request, model: 'tgi' }));
    expect(error).toMatchObject({
      code,
      isRetryable: retryable,
      status: fixture.status,
      backend: 'tgi',
      phase: 'headers',
    });
    expect(error.message).toBe((fixture.body as { error: string }).error);
  });
});

describe('TGI describe() and probe()', () => {
  it('describes the model from /info', async () => {
    const { backend } = tgi({ 'GET /info': loadFixture(fixtures, 'tgi-info') });
    expect(await backend.describe()).toEqual({
      backend: 'tgi',
      kind: 'tgi',
      models: [
        {
          id: 'meta-llama/Llama-3.1-8B-Instruct',
          contextWindow: 8192,
          capabilities: { contextWindow: 8192, tools: true, structuredOutput: 'native' },
          loaded: true,
          maxInputTokens: 8191,
          maxConcurrentRequests: 128,
          version: '3.3.7',
        },
      ],
    });
  });

  it('reads max_input_length from 2.x builds', async () => {
    const { backend } = tgi({ 'GET /info': loadFixture(fixtures, 'tgi-info-v2') });
    const { models } = await backend.describe();
    expect(models[0]).toMatchObject({
      id: 'mistralai/Mistral-7B-Instruct-v0.2',
      contextWindow: 4096,
      maxInputTokens: 4095,
    });
  });

  it('is up with queue and batch load, or down when unhealthy', async () => {
    const healthy = tgi({
      'GET /health': loadFixture(fixtures, 'tgi-health'),
      'GET /metrics': loadFixture(fixtures, 'tgi-metrics'),
    });
    expect(await healthy.backend.probe()).toMatchObject({ status: 'up', load: { processing: 6, queued: 4 } });
    const sick = tgi({ 'GET /health': loadFixture(fixtures, 'tgi-health-unhealthy') });
    expect(await sick.backend.probe()).toMatchObject({
      status: 'down',
      detail: 'unavailable (HTTP 503): unhealthy',
    });
  });
});
