import type { BackendErrorCode, ChatRequest, StreamPart } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { failure } from '../../backend-kit/src/__fixtures__/call-failure.js';
import {
  collect,
  fixtureFetch,
  loadChunks,
  loadFixture,
  splitIntoChunks,
} from '../../backend-kit/src/__fixtures__/fixture-fetch.js';
import { createLlamaCpp } from './create-llamacpp.js';

const fixtures = new URL('./__fixtures__/', import.meta.url);
const chat = '/v1/chat/completions';

const request: ChatRequest = {
  model: 'local/tiny',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'Say hello.' },
  ],
  max_tokens: 32,
  switchyard: { privacy: 'local-only' },
};

const schema = {
  type: 'object',
  properties: { ok: { type: 'boolean' }, n: { type: 'integer', minimum: 0, maximum: 9 } },
  required: ['ok', 'n'],
  additionalProperties: false,
};

function llama(routes: Parameters<typeof fixtureFetch>[0], apiKey?: string) {
  const fake = fixtureFetch(routes);
  return {
    backend: createLlamaCpp({ baseUrl: 'http://127.0.0.1:18080/v1/', fetch: fake.fetch, apiKey }),
    calls: fake.calls,
  };
}

function text(parts: StreamPart[]): string {
  return parts
    .map((part) => (part.type === 'chunk' ? (part.chunk.choices[0]?.delta.content ?? '') : ''))
    .join('');
}

describe('createLlamaCpp: generate', () => {
  it('sends max_tokens and no switchyard field, and maps the observed answer, usage and ms timings', async () => {
    const { backend, calls } = llama({ [`POST ${chat}`]: loadFixture(fixtures, 'llamacpp-text') });
    const result = await backend.doGenerate({ request, model: 'tiny-chatml.gguf' });
    expect(calls[0]?.url).toBe('http://127.0.0.1:18080/v1/chat/completions');
    expect(calls[0]?.headers).not.toHaveProperty('authorization');
    expect(calls[0]?.body).toEqual({
      model: 'tiny-chatml.gguf',
      messages: request.messages,
      max_tokens: 32,
      stream: false,
    });
    expect(result.completion.choices).toEqual([
      {
        index: 0,
        message: { role: 'assistant', content: 'Hello! I am a tiny test model.' },
        finish_reason: 'stop',
      },
    ]);
    expect(result.completion.model).toBe('tiny-chatml.gguf');
    expect(result.usage).toEqual({
      inputTokens: 25,
      outputTokens: 10,
      cachedInputTokens: 0,
      reasoningTokens: 0,
    });
    expect(result.timing).toMatchObject({
      promptMs: 1.386,
      generationMs: 1.269,
      outputTokensPerSecond: 7092.2,
    });
    expect(result.completion).not.toHaveProperty('timings');
  });

  it('sends the API key as a Bearer token when the server runs with --api-key', async () => {
    const { backend, calls } = llama({ [chat]: loadFixture(fixtures, 'llamacpp-text') }, 'sekret');
    await backend.doGenerate({ request, model: 'm' });
    expect(calls[0]?.headers.authorization).toBe('Bearer sekret');
  });

  it('maps developer messages to system (chat templates do not know developer)', async () => {
    const { backend, calls } = llama({ [chat]: loadFixture(fixtures, 'llamacpp-text') });
    await backend.doGenerate({
      request: { model: 'm', messages: [{ role: 'developer', content: 'Be brief.' }] },
      model: 'm',
    });
    expect(calls[0]?.body).toMatchObject({ messages: [{ role: 'system', content: 'Be brief.' }] });
  });
});

describe('createLlamaCpp: structured output', () => {
  it('sends the nested response_format.json_schema form, never the flat one', async () => {
    const { backend, calls } = llama({ [chat]: loadFixture(fixtures, 'llamacpp-structured') });
    const { completion, warnings } = await backend.doGenerate({
      request: {
        ...request,
        response_format: { type: 'json_schema', json_schema: { name: 'answer', strict: true, schema } },
        seed: 42,
      },
      model: 'm',
    });
    const body = calls[0]?.body as Record<string, unknown>;
    expect(body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'answer', strict: true, schema },
    });
    expect(body).not.toHaveProperty('json_schema');
    expect(warnings).toEqual([]);
    expect(JSON.parse(completion.choices[0]?.message.content ?? '')).toEqual({ ok: false, n: 1 });
  });

  it('rewrites a flat json_schema form (which llama-server ignores) to the nested one, with a warning', async () => {
    const { backend, calls } = llama({ [chat]: loadFixture(fixtures, 'llamacpp-structured') });
    const flat = { ...request, response_format: { type: 'json_schema', schema } } as unknown as ChatRequest;
    const { warnings } = await backend.doGenerate({ request: flat, model: 'm' });
    expect(calls[0]?.body).toMatchObject({
      response_format: { type: 'json_schema', json_schema: { name: 'response', schema } },
    });
    expect(
      (calls[0]!.body as { response_format: Record<string, unknown> }).response_format,
    ).not.toHaveProperty('schema');
    expect(warnings).toHaveLength(1);
  });

  it('passes json_object through and warns that n > 1 usage counts one choice', async () => {
    const { backend, calls } = llama({ [chat]: loadFixture(fixtures, 'llamacpp-text') });
    const { warnings } = await backend.doGenerate({
      request: { ...request, response_format: { type: 'json_object' }, n: 2 },
      model: 'm',
    });
    expect(calls[0]?.body).toMatchObject({ response_format: { type: 'json_object' }, n: 2 });
    expect(warnings).toEqual(['llama-server reports usage for one choice only when n > 1']);
  });
});

describe('createLlamaCpp: stream', () => {
  it('streams the observed chunks in order and finishes with usage and timings from the usage chunk', async () => {
    const recorded = loadChunks(fixtures, 'llamacpp-stream');
    const { backend, calls } = llama({ [chat]: { chunks: splitIntoChunks(recorded, 64) } });
    const parts = await collect((await backend.doStream({ request, model: 'm' })).stream);
    expect(calls[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(parts.map((part) => part.type)).toEqual([...Array(11).fill('chunk'), 'finish']);
    const first = parts[0];
    expect(first?.type === 'chunk' && first.chunk.choices[0]?.delta).toEqual({
      role: 'assistant',
      content: null,
    });
    expect(text(parts)).toBe('Hello! I am a tiny test model.');
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 25, outputTokens: 10, cachedInputTokens: 24, reasoningTokens: 0 },
      timing: { promptMs: 0.617, generationMs: 1.718, outputTokensPerSecond: 5238.6 },
    });
  });

  it('handles the older build shape: no role chunk, usage and timings on the finish chunk', async () => {
    const recorded = loadChunks(fixtures, 'llamacpp-stream-old-build');
    const { backend } = llama({ [chat]: { chunks: [recorded] } });
    const parts = await collect((await backend.doStream({ request, model: 'm' })).stream);
    expect(text(parts)).toBe('Hello! I am a tiny test model.');
    const finishChunk = parts.at(-2);
    expect(finishChunk?.type === 'chunk' && finishChunk.chunk).not.toHaveProperty('usage');
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 25, outputTokens: 10 },
      timing: { promptMs: 3.2, generationMs: 2.5, outputTokensPerSecond: 4000 },
    });
  });

  it('turns the shared-KV overflow after HTTP 200 (error event, no [DONE]) into a retryable overloaded stream error', async () => {
    const recorded = loadChunks(fixtures, 'llamacpp-stream-kv-overflow');
    const { backend } = llama({ [chat]: { chunks: splitIntoChunks(recorded, 100) } });
    const { stream } = await backend.doStream({ request, model: 'm' });
    const seen: StreamPart[] = [];
    const error = await failure(
      (async () => {
        for await (const part of stream) seen.push(part);
      })(),
    );
    expect(text(seen)).toBe(' tiny test model. Hello! I am a tiny test');
    expect(error).toMatchObject({
      code: 'overloaded',
      isRetryable: true,
      phase: 'stream',
      status: 500,
      backend: 'llamacpp',
    });
    expect(error.message).toMatch(/^Context size has been exceeded\./);
  });

  it('rejects doStream with the plain-JSON 400 context error (the check runs before the stream starts)', async () => {
    const { backend } = llama({ [chat]: loadFixture(fixtures, 'llamacpp-error-context') });
    const error = await failure(backend.doStream({ request, model: 'm' }));
    expect(error).toMatchObject({
      code: 'context-length-exceeded',
      phase: 'headers',
      status: 400,
      isRetryable: false,
    });
  });

  it('fails a stream cut before [DONE]', async () => {
    const recorded = loadChunks(fixtures, 'llamacpp-stream');
    const cut = recorded.slice(0, recorded.indexOf('"usage"') - 40);
    const { backend } = llama({ [chat]: { chunks: [cut] } });
    const error = await failure(collect((await backend.doStream({ request, model: 'm' })).stream));
    expect(error).toMatchObject({ code: 'network', phase: 'stream' });
  });
});

describe('createLlamaCpp: errors', () => {
  it.each<[string, BackendErrorCode, boolean, string | RegExp]>([
    [
      'llamacpp-error-kv-overflow',
      'overloaded',
      true,
      /^Context size has been exceeded\. \(llama\.cpp: concurrent/,
    ],
    [
      'llamacpp-error-context',
      'context-length-exceeded',
      false,
      'request (3608 tokens) exceeds the available context size (2048 tokens), try increasing it',
    ],
    [
      'llamacpp-error-loading',
      'unavailable',
      true,
      'Loading model (llama-server is still loading the model)',
    ],
    ['llamacpp-error-no-slot', 'overloaded', true, 'no slot available'],
    ['llamacpp-error-auth', 'unauthorized', false, 'Invalid API Key'],
    ['llamacpp-error-not-found', 'unsupported', false, /baseUrl must be the llama-server root/],
    ['llamacpp-error-grammar-conflict', 'invalid-request', false, 'Cannot use both json_schema and grammar'],
    ['llamacpp-error-image', 'unsupported', false, /^image input is not supported/],
    ['llamacpp-error-response-format', 'invalid-request', false, /^response_format type must be one of/],
    ['llamacpp-error-bad-schema', 'invalid-request', false, /unrecognized type nonsense$/],
    ['llamacpp-error-malformed', 'invalid-request', false, /^\[json\.exception\.parse_error\.101\]/],
    ['llamacpp-error-max-tokens', 'invalid-request', false, /^Field 'max_tokens'/],
    ['llamacpp-error-old-jinja', 'unsupported', false, 'tools param requires --jinja flag'],
  ])('%s → %s', async (name, code, retryable, message) => {
    const fixture = loadFixture(fixtures, name);
    const { backend } = llama({ [chat]: fixture });
    const error = await failure(backend.doGenerate({ request, model: 'm' }));
    expect(error).toMatchObject({
      code,
      isRetryable: retryable,
      status: fixture.status,
      phase: 'headers',
      backend: 'llamacpp',
    });
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });

  it('never puts the configured key in an error, even when the server echoes it', async () => {
    const { backend } = llama(
      {
        [chat]: {
          status: 401,
          body: {
            error: { message: 'Invalid API Key: sekret-local-key', type: 'authentication_error', code: 401 },
          },
        },
      },
      'sekret-local-key',
    );
    const error = await failure(backend.doGenerate({ request, model: 'm' }));
    expect(error.message).toBe('Invalid API Key: [redacted]');
    expect(JSON.stringify(error.toJSON())).not.toContain('sekret-local-key');
  });
});

describe('createLlamaCpp: countTokens', () => {
  it('counts with POST /tokenize', async () => {
    const { backend, calls } = llama({ 'POST /tokenize': loadFixture(fixtures, 'llamacpp-tokenize') });
    expect(await backend.countTokens('Hello world! <|im_start|>user\né')).toBe(9);
    expect(calls[0]?.url).toBe('http://127.0.0.1:18080/tokenize');
    expect(calls[0]?.body).toEqual({ content: 'Hello world! <|im_start|>user\né' });
  });

  it('reports a body without tokens as invalid-output', async () => {
    const { backend } = llama({ 'POST /tokenize': { body: { nope: true } } });
    await expect(backend.countTokens('x')).rejects.toMatchObject({ code: 'invalid-output' });
  });
});
