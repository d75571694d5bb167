import type { BackendErrorCode, ChatRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { failure } from '../../backend-kit/src/__fixtures__/call-failure.js';
import {
  collect,
  connectionError,
  fixtureFetch,
  loadChunks,
  loadFixture,
} from '../../backend-kit/src/__fixtures__/fixture-fetch.js';
import { createVllm } from './create-vllm.js';

const fixtures = new URL('./__fixtures__/', import.meta.url);
const chat = '/v1/chat/completions';
const request: ChatRequest = {
  model: 'local/qwen',
  messages: [{ role: 'user', content: 'Capital of France?' }],
  max_completion_tokens: 64,
  switchyard: { tier: 1 },
};
const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };

function vllm(routes: Parameters<typeof fixtureFetch>[0], apiKey?: string) {
  const fake = fixtureFetch(routes);
  return {
    backend: createVllm({ baseUrl: 'http://gpu:8000', fetch: fake.fetch, apiKey }),
    calls: fake.calls,
  };
}

describe('createVllm', () => {
  it('sends max_tokens, drops switchyard, and maps the answer (empty tool_calls and null reasoning dropped)', async () => {
    const { backend, calls } = vllm(
      { [`POST ${chat}`]: loadFixture(fixtures, 'vllm-text') },
      'vllm-key-000111',
    );
    const { completion, usage } = await backend.doGenerate({ request, model: 'qwen2.5-7b' });
    expect(calls[0]?.url).toBe('http://gpu:8000/v1/chat/completions');
    expect(calls[0]?.headers.authorization).toBe('Bearer vllm-key-000111');
    expect(calls[0]?.body).toEqual({
      model: 'qwen2.5-7b',
      messages: request.messages,
      max_tokens: 64,
      stream: false,
    });
    expect(completion.choices[0]).toEqual({
      index: 0,
      message: { role: 'assistant', content: 'Paris is the capital of France.' },
      finish_reason: 'stop',
    });
    expect(usage).toEqual({ inputTokens: 31, outputTokens: 8, cachedInputTokens: 0, reasoningTokens: 0 });
  });

  it('passes response_format through unchanged and never sends guided_* fields', async () => {
    const { backend, calls } = vllm({ [chat]: loadFixture(fixtures, 'vllm-text') });
    const responseFormat = {
      type: 'json_schema',
      json_schema: { name: 'city', schema, strict: true },
    } as const;
    const { warnings } = await backend.doGenerate({
      request: { ...request, response_format: responseFormat },
      model: 'm',
    });
    expect(calls[0]?.body).toMatchObject({ response_format: responseFormat });
    expect(Object.keys(calls[0]!.body as object).some((key) => key.startsWith('guided_'))).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('moves retired guided_* extras into structured_outputs (vLLM ≥ 0.12 silently ignores them)', async () => {
    const { backend, calls } = vllm({ [chat]: loadFixture(fixtures, 'vllm-text') });
    const legacy = {
      ...request,
      guided_choice: ['yes', 'no'],
      guided_decoding_backend: 'xgrammar',
    } as ChatRequest;
    const { warnings } = await backend.doGenerate({ request: legacy, model: 'm' });
    const body = calls[0]?.body as Record<string, unknown>;
    expect(body.structured_outputs).toEqual({ choice: ['yes', 'no'] });
    expect(Object.keys(body).filter((key) => key.startsWith('guided_'))).toEqual([]);
    expect(warnings).toEqual([
      'moved guided_choice (ignored since vLLM 0.12) to structured_outputs.choice',
      'dropped guided_decoding_backend (removed in vLLM 0.12; set the backend at server start)',
    ]);
  });

  it('streams tool-call fragments and reasoning, with usage from the include_usage chunk', async () => {
    const { backend, calls } = vllm({ [chat]: { chunks: [loadChunks(fixtures, 'vllm-stream-tool-call')] } });
    const parts = await collect((await backend.doStream({ request, model: 'm' })).stream);
    expect(calls[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    const deltas = parts.flatMap((part) => (part.type === 'chunk' ? [part.chunk.choices[0]?.delta] : []));
    expect(deltas[1]).toEqual({ reasoning: 'The user wants the weather.' });
    expect(deltas[2]?.tool_calls).toEqual([
      { index: 0, id: 'chatcmpl-tool-5e0b8f4c2a9d4d51', type: 'function', function: { name: 'get_weather' } },
    ]);
    const argumentsText = deltas
      .flatMap((delta) => delta?.tool_calls ?? [])
      .map((call) => call.function?.arguments ?? '')
      .join('');
    expect(JSON.parse(argumentsText)).toEqual({ city: 'Paris' });
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'tool_calls',
      usage: { inputTokens: 212, outputTokens: 29 },
    });
  });

  it.each<[string, BackendErrorCode, boolean]>([
    ['vllm-error-context', 'context-length-exceeded', false],
    ['vllm-error-context-old', 'context-length-exceeded', false],
    ['vllm-error-model', 'model-not-found', false],
    ['vllm-error-tool-choice', 'unsupported', false],
    ['vllm-error-engine-dead', 'unavailable', false],
    ['vllm-error-auth', 'unauthorized', false],
  ])('%s → %s', async (name, code, retryable) => {
    const fixture = loadFixture(fixtures, name);
    const { backend } = vllm({ [chat]: fixture });
    const error = await failure(backend.doGenerate({ request, model: 'm' }));
    expect(error).toMatchObject({ code, isRetryable: retryable, status: fixture.status, backend: 'vllm' });
  });
});

describe('vLLM describe()', () => {
  it('reads max_model_len, root, LoRA parent, and infers quantization from the checkpoint name', async () => {
    const { backend } = vllm({ 'GET /v1/models': loadFixture(fixtures, 'vllm-models') });
    expect(await backend.describe()).toEqual({
      backend: 'vllm',
      kind: 'vllm',
      models: [
        {
          id: 'qwen2.5-7b',
          contextWindow: 32768,
          quantization: 'awq',
          capabilities: { contextWindow: 32768, structuredOutput: 'native' },
          loaded: true,
          root: 'Qwen/Qwen2.5-7B-Instruct-AWQ',
        },
        {
          id: 'sql-lora',
          contextWindow: 32768,
          capabilities: { contextWindow: 32768, structuredOutput: 'native' },
          loaded: true,
          root: '/adapters/sql-lora',
          parent: 'qwen2.5-7b',
        },
      ],
    });
  });
});

describe('vLLM probe()', () => {
  it('is up with running/waiting load from /metrics', async () => {
    const { backend, calls } = vllm({
      'GET /health': loadFixture(fixtures, 'vllm-health'),
      'GET /metrics': loadFixture(fixtures, 'vllm-metrics'),
    });
    expect(await backend.probe()).toMatchObject({ status: 'up', load: { processing: 3, queued: 7 } });
    expect(calls.map((call) => call.url)).toEqual(['http://gpu:8000/health', 'http://gpu:8000/metrics']);
  });

  it('is up without load when /metrics is unavailable', async () => {
    const { backend } = vllm({
      'GET /health': loadFixture(fixtures, 'vllm-health'),
      'GET /metrics': { status: 404, body: '' },
    });
    const result = await backend.probe();
    expect(result.status).toBe('up');
    expect(result).not.toHaveProperty('load');
  });

  it('is down when the engine is dead (503) or the port is closed (still loading)', async () => {
    const dead = vllm({ 'GET /health': loadFixture(fixtures, 'vllm-health-dead') });
    expect(await dead.backend.probe()).toMatchObject({
      status: 'down',
      detail: 'unavailable (HTTP 503): HTTP 503 with no error message',
    });
    const closed = vllm({ 'GET /health': { error: connectionError('ECONNREFUSED') } });
    expect(await closed.backend.probe()).toMatchObject({ status: 'down' });
  });
});
