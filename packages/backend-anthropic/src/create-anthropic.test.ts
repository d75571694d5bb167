import type { BackendErrorCode, ChatRequest, StreamPart } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { drainUntilFailure, failure } from '../../backend-kit/src/__fixtures__/call-failure.js';
import {
  collect,
  connectionError,
  fixtureFetch,
  loadChunks,
  loadFixture,
  splitIntoChunks,
} from '../../backend-kit/src/__fixtures__/fixture-fetch.js';
import type { AnthropicSettings } from './anthropic-settings.js';
import { createAnthropic } from './create-anthropic.js';

const fixtures = new URL('./__fixtures__/', import.meta.url);
const messages = 'POST /v1/messages';
const key = 'sk-ant-api03-Zx9Qk2LmN4pR7sT1vW3yB5dF8hJ0';

const request: ChatRequest = {
  model: 'cloud/claude',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'Hello' },
  ],
  max_tokens: 256,
  switchyard: { tier: 3 },
};

function anthropic(routes: Parameters<typeof fixtureFetch>[0], settings: AnthropicSettings = {}) {
  const fake = fixtureFetch(routes);
  const backend = createAnthropic({
    apiKey: key,
    baseUrl: 'https://api.anthropic.test/v1/',
    fetch: fake.fetch,
    ...settings,
  });
  return { backend, calls: fake.calls };
}

function deltas(parts: readonly StreamPart[]) {
  return parts.flatMap((part) => (part.type === 'chunk' ? [part.chunk.choices[0]?.delta] : []));
}

function text(parts: readonly StreamPart[]): string {
  return deltas(parts)
    .map((delta) => delta?.content ?? '')
    .join('');
}

describe('createAnthropic: generate', () => {
  it('posts to /v1/messages with x-api-key and anthropic-version, and maps text and usage', async () => {
    const { backend, calls } = anthropic({ [messages]: loadFixture(fixtures, 'anthropic-message-text') });
    const result = await backend.doGenerate({
      request,
      model: 'claude-sonnet-5',
      headers: { 'x-trace': 't1' },
    });
    expect(calls[0]?.url).toBe('https://api.anthropic.test/v1/messages');
    expect(calls[0]?.headers).toMatchObject({
      'x-api-key': key,
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
      'x-trace': 't1',
    });
    expect(calls[0]?.headers).not.toHaveProperty('authorization');
    expect(calls[0]?.body).toEqual({
      model: 'claude-sonnet-5',
      system: 'You are terse.',
      messages: [{ role: 'user', content: 'Hello' }],
      max_tokens: 256,
    });
    expect(result.completion).toMatchObject({
      id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
      object: 'chat.completion',
      model: 'claude-sonnet-5',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello! How can I help you today?' },
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 12,
        completion_tokens: 11,
        total_tokens: 23,
        prompt_tokens_details: { cached_tokens: 0 },
      },
    });
    expect(result.usage).toEqual({
      inputTokens: 12,
      outputTokens: 11,
      cachedInputTokens: 0,
      reasoningTokens: 0,
    });
    expect(result.timing.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.warnings).toEqual([]);
  });

  it('maps tool_use blocks to tool calls and counts cache reads and writes as prompt tokens', async () => {
    const { backend } = anthropic({ [messages]: loadFixture(fixtures, 'anthropic-message-tool-use') });
    const { completion, usage } = await backend.doGenerate({ request, model: 'claude-sonnet-5' });
    expect(completion.choices[0]).toEqual({
      index: 0,
      message: {
        role: 'assistant',
        content: "I'll check both.",
        tool_calls: [
          {
            id: 'toolu_01A09q90qw90lq917835lq9',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Oslo","unit":"celsius"}' },
          },
          {
            id: 'toolu_01B7xk2m9Pq3rS5tU8vW1yZa',
            type: 'function',
            function: { name: 'get_time', arguments: '{}' },
          },
        ],
      },
      finish_reason: 'tool_calls',
    });
    expect(usage).toEqual({
      inputTokens: 1120,
      outputTokens: 50,
      cachedInputTokens: 1000,
      reasoningTokens: 0,
    });
    expect(completion.usage).toEqual({
      prompt_tokens: 1120,
      completion_tokens: 50,
      total_tokens: 1170,
      prompt_tokens_details: { cached_tokens: 1000 },
    });
  });

  it.each<[string, string, unknown]>([
    [
      'thinking → reasoning, max_tokens → length',
      'anthropic-message-thinking',
      {
        message: {
          role: 'assistant',
          content: 'Soft rain on the roof',
          reasoning: 'The user wants a haiku about rain.',
        },
        finish_reason: 'length',
      },
    ],
    [
      'refusal → content_filter',
      'anthropic-message-refusal',
      { message: { role: 'assistant', content: '' }, finish_reason: 'content_filter' },
    ],
  ])('maps %s', async (_name, fixture, choice) => {
    const { backend } = anthropic({ [messages]: loadFixture(fixtures, fixture) });
    const { completion } = await backend.doGenerate({ request, model: 'claude-sonnet-5' });
    expect(completion.choices[0]).toEqual({ index: 0, ...(choice as object) });
  });

  it('returns the forced tool input as JSON content in tool mode, finishing stop', async () => {
    const { backend, calls } = anthropic(
      { [messages]: loadFixture(fixtures, 'anthropic-message-structured-tool') },
      { structuredOutput: 'tool' },
    );
    const { completion } = await backend.doGenerate({
      request: {
        ...request,
        response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' } } },
      },
      model: 'claude-haiku-3',
    });
    expect(calls[0]?.body).toMatchObject({ tool_choice: { type: 'tool', name: 'answer' } });
    expect(completion.choices[0]).toEqual({
      index: 0,
      message: { role: 'assistant', content: '{"ok":true,"n":3}' },
      finish_reason: 'stop',
    });
  });

  it('reads the key at call time from ANTHROPIC_API_KEY or the named variable, and fails clearly without one', async () => {
    const route = { [messages]: loadFixture(fixtures, 'anthropic-message-text') };
    const variable = 'SWITCHYARD_TEST_ANTHROPIC_KEY';
    const { backend, calls } = anthropic(route, { apiKey: undefined, apiKeyEnv: variable });
    delete process.env[variable];
    const missing = await failure(backend.doGenerate({ request, model: 'claude-sonnet-5' }));
    expect(missing).toMatchObject({ code: 'unauthorized', phase: 'connect', isRetryable: false });
    expect(missing.message).toBe(`Anthropic needs an API key: set ${variable} or pass apiKey`);
    expect(calls).toHaveLength(0);
    process.env[variable] = 'sk-ant-from-env-0001';
    try {
      await backend.doGenerate({ request, model: 'claude-sonnet-5' });
    } finally {
      delete process.env[variable];
    }
    expect(calls[0]?.headers['x-api-key']).toBe('sk-ant-from-env-0001');
  });

  it('sends betas as one anthropic-beta header and honours a custom version', async () => {
    const { backend, calls } = anthropic(
      { [messages]: loadFixture(fixtures, 'anthropic-message-text') },
      { betas: ['context-1m-2025-08-07', 'files-api-2025-04-14'], anthropicVersion: '2023-06-01' },
    );
    await backend.doGenerate({ request, model: 'claude-sonnet-5' });
    expect(calls[0]?.headers['anthropic-beta']).toBe('context-1m-2025-08-07,files-api-2025-04-14');
  });

  it('reports an answer without content as invalid-output', async () => {
    const { backend } = anthropic({ [messages]: { body: { id: 'msg_1', type: 'message' } } });
    expect(await failure(backend.doGenerate({ request, model: 'm' }))).toMatchObject({
      code: 'invalid-output',
      status: 200,
    });
  });
});

describe('createAnthropic: stream', () => {
  it('maps the named events to chunks in order and finishes with usage', async () => {
    const recorded = loadChunks(fixtures, 'anthropic-stream');
    const { backend, calls } = anthropic({ [messages]: { chunks: splitIntoChunks(recorded, 45) } });
    const { stream, warnings } = await backend.doStream({ request, model: 'claude-sonnet-5' });
    const parts = await collect(stream);
    expect(calls[0]?.body).toMatchObject({ stream: true });
    expect(calls[0]?.headers.accept).toBe('text/event-stream');
    expect(warnings).toEqual([]);
    expect(parts.map((part) => part.type)).toEqual(['chunk', 'chunk', 'chunk', 'chunk', 'chunk', 'finish']);
    expect(deltas(parts)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'Hello' },
      { content: '! How can I' },
      { content: ' help you today?' },
      {},
    ]);
    const chunks = parts.flatMap((part) => (part.type === 'chunk' ? [part.chunk] : []));
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason)).toEqual([null, null, null, null, 'stop']);
    expect(new Set(chunks.map((chunk) => chunk.id))).toEqual(new Set(['msg_01TtwWZ9xz6t6A4A8uVvqz1H']));
    expect(chunks[0]?.model).toBe('claude-sonnet-5');
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 12, outputTokens: 11, cachedInputTokens: 0, reasoningTokens: 0 },
    });
    const finish = parts.at(-1);
    expect(finish?.type === 'finish' && finish.timing.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
  });

  it('streams thinking as reasoning and tool_use input_json_delta pieces as tool-call argument fragments', async () => {
    const { backend } = anthropic({
      [messages]: { chunks: [loadChunks(fixtures, 'anthropic-stream-tool-use')] },
    });
    const parts = await collect((await backend.doStream({ request, model: 'claude-sonnet-5' })).stream);
    expect(deltas(parts)).toEqual([
      { role: 'assistant', content: '' },
      { reasoning: 'Need the weather tool.' },
      { content: 'Checking.' },
      {
        tool_calls: [
          {
            index: 0,
            id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
            type: 'function',
            function: { name: 'get_weather', arguments: '' },
          },
        ],
      },
      { tool_calls: [{ index: 0, function: { arguments: '{"city": "Os' } }] },
      { tool_calls: [{ index: 0, function: { arguments: 'lo", "unit": "celsius"}' } }] },
      {
        tool_calls: [
          {
            index: 1,
            id: 'toolu_01Xm9n8b7v6c5x4z3a2s1d0f',
            type: 'function',
            function: { name: 'get_time', arguments: '' },
          },
        ],
      },
      { tool_calls: [{ index: 1, function: { arguments: '{}' } }] },
      {},
    ]);
    const finishChunk = parts.at(-2);
    expect(finishChunk?.type === 'chunk' && finishChunk.chunk.choices[0]?.finish_reason).toBe('tool_calls');
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'tool_calls',
      usage: { inputTokens: 1020, outputTokens: 89, cachedInputTokens: 1000 },
    });
  });

  it('streams the forced structured-output tool input as content, finishing stop', async () => {
    const { backend } = anthropic(
      { [messages]: { chunks: [loadChunks(fixtures, 'anthropic-stream-structured-tool')] } },
      { structuredOutput: 'tool' },
    );
    const parts = await collect(
      (
        await backend.doStream({
          request: {
            ...request,
            response_format: {
              type: 'json_schema',
              json_schema: { name: 'answer', schema: { type: 'object' } },
            },
          },
          model: 'claude-haiku-3',
        })
      ).stream,
    );
    expect(JSON.parse(text(parts))).toEqual({ ok: true, n: 3 });
    expect(deltas(parts).some((delta) => delta?.tool_calls !== undefined)).toBe(false);
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 410, outputTokens: 24 },
    });
  });

  it('turns event: error after the 200 into a retryable overloaded stream error', async () => {
    const { backend } = anthropic({
      [messages]: { chunks: [loadChunks(fixtures, 'anthropic-stream-error')] },
    });
    const { seen, error } = await drainUntilFailure((await backend.doStream({ request, model: 'm' })).stream);
    expect(text(seen)).toBe('Hello! How can I');
    expect(error).toMatchObject({
      code: 'overloaded',
      isRetryable: true,
      phase: 'stream',
      backend: 'anthropic',
    });
    expect(error.message).toBe('Overloaded (request-id req_011CSHoEeqs5C35K2UUqR7Fy)');
  });

  it('fails a stream that ends without message_stop, even after message_delta', async () => {
    const recorded = loadChunks(fixtures, 'anthropic-stream');
    const cut = recorded.slice(0, recorded.indexOf('event: message_stop'));
    const { backend } = anthropic({ [messages]: { chunks: [cut] } });
    const { seen, error } = await drainUntilFailure((await backend.doStream({ request, model: 'm' })).stream);
    expect(text(seen)).toBe('Hello! How can I help you today?');
    expect(seen.some((part) => part.type === 'finish')).toBe(false);
    expect(error).toMatchObject({ code: 'network', phase: 'stream', isRetryable: true });
    expect(error.message).toBe('the Anthropic stream ended without message_stop (after 8 events)');
  });

  it('reports data that is not JSON as invalid-output', async () => {
    const { backend } = anthropic({
      [messages]: { chunks: ['event: message_start\ndata: {"type":"mess\n\n'] },
    });
    const { error } = await drainUntilFailure((await backend.doStream({ request, model: 'm' })).stream);
    expect(error).toMatchObject({ code: 'invalid-output', phase: 'stream' });
  });

  it('rejects doStream with the HTTP error before any stream starts', async () => {
    const { backend } = anthropic({ [messages]: loadFixture(fixtures, 'anthropic-error-overloaded') });
    const error = await failure(backend.doStream({ request, model: 'm' }));
    expect(error).toMatchObject({ code: 'overloaded', phase: 'headers', status: 529, isRetryable: true });
  });

  it('maps a caller abort mid-stream to aborted / stream', async () => {
    const recorded = loadChunks(fixtures, 'anthropic-stream');
    const head = recorded.slice(0, recorded.indexOf('event: content_block_stop'));
    const fake = fixtureFetch({ [messages]: { chunks: [head], hang: true } });
    const controller = new AbortController();
    const backend = createAnthropic({ apiKey: key, fetch: fake.fetch });
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
    // Events already received are delivered; the hanging body then ends with the abort.
    expect(text(seen)).toBe('Hello! How can I help you today?');
    expect(error).toMatchObject({ code: 'aborted', phase: 'stream', isRetryable: false });
    expect(fake.calls[0]?.url).toBe('https://api.anthropic.com/v1/messages');
    expect(fake.calls[0]?.signal?.aborted).toBe(true);
  });

  it('cancels the body when the consumer stops early', async () => {
    const fake = fixtureFetch({
      [messages]: { chunks: splitIntoChunks(loadChunks(fixtures, 'anthropic-stream'), 60) },
    });
    const { stream } = await createAnthropic({ apiKey: key, fetch: fake.fetch }).doStream({
      request,
      model: 'm',
    });
    for await (const part of stream) if (part.type === 'chunk') break;
    expect(fake.calls[0]?.bodyCancelled).toBe(true);
  });
});

describe('createAnthropic: errors', () => {
  it.each<[string, BackendErrorCode, boolean, string | RegExp]>([
    [
      'anthropic-error-invalid-request',
      'invalid-request',
      false,
      /^messages\.1\.content\.0\.tool_result: unexpected `tool_use_id`/,
    ],
    [
      'anthropic-error-prompt-too-long',
      'context-length-exceeded',
      false,
      /^prompt is too long: 215337 tokens > 200000 maximum/,
    ],
    [
      'anthropic-error-context-limit',
      'context-length-exceeded',
      false,
      /^input length and `max_tokens` exceed context limit/,
    ],
    [
      'anthropic-error-spend-limit-400',
      'quota-exhausted',
      false,
      /^You have reached your specified API usage limits/,
    ],
    ['anthropic-error-credit-balance', 'quota-exhausted', false, /^Your credit balance is too low/],
    [
      'anthropic-error-authentication',
      'unauthorized',
      false,
      'invalid x-api-key (request-id req_011CSHoEeqs5C35K2UUqR7Fy)',
    ],
    ['anthropic-error-billing', 'quota-exhausted', false, /^Your account has an outstanding balance/],
    ['anthropic-error-permission', 'unauthorized', false, /^Your API key does not have permission/],
    ['anthropic-error-model-not-found', 'model-not-found', false, /^model: claude-3-5-sonnet-20240620/],
    ['anthropic-error-request-too-large', 'invalid-request', false, /\(request body over 32 MB\)/],
    ['anthropic-error-rate-limited', 'rate-limited', true, /^This request would exceed the rate limit/],
    [
      'anthropic-error-spend-limit-429',
      'quota-exhausted',
      false,
      /\(the organization reached its monthly spend limit\)/,
    ],
    [
      'anthropic-error-api-error',
      'unavailable',
      true,
      'Internal server error (request-id req_011CSHoEeqs5C35K2UUqR7Fy)',
    ],
    [
      'anthropic-error-overloaded',
      'overloaded',
      true,
      'Overloaded (request-id req_011CSHoEeqs5C35K2UUqR7Fy)',
    ],
  ])('%s → %s', async (name, code, retryable, message) => {
    const fixture = loadFixture(fixtures, name);
    const { backend } = anthropic({ [messages]: fixture });
    const error = await failure(backend.doGenerate({ request, model: 'claude-sonnet-5' }));
    expect(error).toMatchObject({
      code,
      isRetryable: retryable,
      status: fixture.status,
      phase: 'headers',
      backend: 'anthropic',
    });
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });

  it('honours retry-after on a rate limit, and names no retry delay for the spend cap', async () => {
    const limited = anthropic({ [messages]: loadFixture(fixtures, 'anthropic-error-rate-limited') }).backend;
    expect(await failure(limited.doGenerate({ request, model: 'm' }))).toMatchObject({
      retryAfterMs: 20_000,
    });
    const capped = anthropic({
      [messages]: loadFixture(fixtures, 'anthropic-error-spend-limit-429'),
    }).backend;
    expect(await failure(capped.doGenerate({ request, model: 'm' }))).toMatchObject({
      retryAfterMs: undefined,
    });
  });

  it('takes the request id from the request-id header when the error body is not JSON', async () => {
    const gatewayPage = {
      status: 502,
      statusText: 'Bad Gateway',
      headers: { 'content-type': 'text/html', 'request-id': 'req_edge_01' },
      body: '<html><body>502 Bad Gateway</body></html>',
    };
    const { backend } = anthropic({ [messages]: gatewayPage });
    for (const call of [
      backend.doGenerate({ request, model: 'm' }),
      backend.doStream({ request, model: 'm' }),
    ]) {
      expect(await failure(call)).toMatchObject({
        code: 'unavailable',
        phase: 'headers',
        message: 'HTTP 502 Bad Gateway with no error message (request-id req_edge_01)',
      });
    }
  });

  it('never puts the API key in an error or a warning, even when the server echoes it', async () => {
    const echo = {
      status: 401,
      body: { type: 'error', error: { type: 'authentication_error', message: `invalid x-api-key: ${key}` } },
    };
    const { backend } = anthropic({ [messages]: echo });
    const error = await failure(backend.doGenerate({ request, model: 'm' }));
    expect(error.message).toBe('invalid x-api-key: [redacted]');
    expect(JSON.stringify(error.toJSON())).not.toContain(key);
    const streamed = anthropic({ [messages]: echo }).backend;
    expect(
      JSON.stringify((await failure(streamed.doStream({ request, model: 'm' }))).toJSON()),
    ).not.toContain(key);
    const ok = anthropic({ [messages]: loadFixture(fixtures, 'anthropic-message-text') }).backend;
    const { warnings } = await ok.doGenerate({
      request: { ...request, seed: 1, temperature: 2 },
      model: 'm',
    });
    expect(warnings).toHaveLength(2);
    expect(JSON.stringify(warnings)).not.toContain(key);
  });

  it('classifies a failed connection as network', async () => {
    const { backend } = anthropic({ [messages]: { error: connectionError('ENOTFOUND') } });
    const error = await failure(backend.doGenerate({ request, model: 'm' }));
    expect(error).toMatchObject({ code: 'network', phase: 'connect' });
    expect(error.message).toBe('cannot reach https://api.anthropic.test/v1/messages: host not found (DNS)');
  });

  it('fails with aborted when the signal fires before the answer', async () => {
    const fake = fixtureFetch({
      [messages]: { ...loadFixture(fixtures, 'anthropic-message-text'), delayMs: 5_000 },
    });
    const controller = new AbortController();
    const pending = createAnthropic({ apiKey: key, fetch: fake.fetch }).doGenerate({
      request,
      model: 'm',
      signal: controller.signal,
    });
    controller.abort();
    expect(await failure(pending)).toMatchObject({ code: 'aborted', phase: 'connect' });
  });
});

describe('createAnthropic: describe and probe', () => {
  it('lists models across pages with GET /v1/models', async () => {
    const { backend, calls } = anthropic({
      'GET /v1/models': (call) =>
        loadFixture(
          fixtures,
          call.url.includes('after_id=') ? 'anthropic-models-page-2' : 'anthropic-models',
        ),
    });
    const description = await backend.describe();
    expect(description).toEqual({
      backend: 'anthropic',
      kind: 'anthropic',
      models: [
        {
          id: 'claude-sonnet-5',
          contextWindow: 200000,
          quantization: null,
          capabilities: {
            contextWindow: 200000,
            maxOutputTokens: 64000,
            tools: true,
            vision: true,
            structuredOutput: 'native',
          },
          displayName: 'Claude Sonnet 5',
          createdAt: '2026-09-29T00:00:00Z',
        },
        {
          id: 'claude-haiku-4-5-20251001',
          quantization: null,
          capabilities: { tools: true, vision: true, structuredOutput: 'native' },
          displayName: 'Claude Haiku 4.5',
          createdAt: '2025-10-01T00:00:00Z',
        },
        {
          id: 'claude-opus-4-6',
          quantization: null,
          capabilities: { tools: true, vision: true, structuredOutput: 'native' },
          displayName: 'Claude Opus 4.6',
          createdAt: '2026-02-05T00:00:00Z',
        },
      ],
    });
    expect(calls.map((call) => call.url)).toEqual([
      'https://api.anthropic.test/v1/models?limit=1000',
      'https://api.anthropic.test/v1/models?limit=1000&after_id=claude-haiku-4-5-20251001',
    ]);
    expect(calls[0]?.headers['x-api-key']).toBe(key);
  });

  it('needs a key to describe', async () => {
    const { backend, calls } = anthropic({}, { apiKey: undefined, apiKeyEnv: 'SWITCHYARD_TEST_UNSET_KEY' });
    await expect(backend.describe()).rejects.toMatchObject({ code: 'unauthorized' });
    expect(calls).toHaveLength(0);
  });

  it('probes with the free models endpoint when a key is set', async () => {
    const { backend, calls } = anthropic({ 'GET /v1/models': loadFixture(fixtures, 'anthropic-models') });
    const result = await backend.probe();
    expect(result.status).toBe('up');
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'GET https://api.anthropic.test/v1/models?limit=1',
    ]);
  });

  it('is down without a key, making no request', async () => {
    const { backend, calls } = anthropic({}, { apiKey: undefined, apiKeyEnv: 'SWITCHYARD_TEST_UNSET_KEY' });
    expect(await backend.probe()).toEqual({
      status: 'down',
      latencyMs: 0,
      detail: 'no API key: set SWITCHYARD_TEST_UNSET_KEY or pass apiKey',
    });
    expect(calls).toHaveLength(0);
  });

  it('is down with the reason for a rejected key, without the key', async () => {
    const { backend } = anthropic({
      'GET /v1/models': loadFixture(fixtures, 'anthropic-error-authentication'),
    });
    const result = await backend.probe();
    expect(result).toMatchObject({
      status: 'down',
      detail: 'unauthorized (HTTP 401): invalid x-api-key (request-id req_011CSHoEeqs5C35K2UUqR7Fy)',
    });
    expect(JSON.stringify(result)).not.toContain(key);
  });
});

describe('createAnthropic: settings', () => {
  it('needs no key to construct, and rejects invalid settings naming each field', () => {
    expect(createAnthropic({ apiKeyEnv: 'SWITCHYARD_TEST_UNSET_KEY' }).kind).toBe('anthropic');
    const build = () =>
      createAnthropic({
        baseUrl: 'api.anthropic.com',
        defaultMaxTokens: 0,
        structuredOutput: 'json' as never,
        betas: ['ok', ''],
        streamIdleTimeoutMs: 0,
      });
    expect(build).toThrow(
      expect.objectContaining({
        name: 'InvalidConfigError',
        issues: [
          'baseUrl: must be an http(s) URL such as https://api.anthropic.com',
          'defaultMaxTokens: must be a positive integer',
          "structuredOutput: must be 'output-config' or 'tool'",
          'betas: must be a list of beta names',
          'streamIdleTimeoutMs: must be a positive number of milliseconds',
        ],
      }),
    );
  });
});
