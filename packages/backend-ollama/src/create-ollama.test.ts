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
import { createOllama } from './create-ollama.js';
import type { OllamaSettings } from './ollama-settings.js';

const fixtures = new URL('./__fixtures__/', import.meta.url);
const chat = 'POST /api/chat';
const ndjson = { 'content-type': 'application/x-ndjson' };

const request: ChatRequest = {
  model: 'local/llama',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'Why is the sky blue?' },
  ],
  max_tokens: 300,
  switchyard: { privacy: 'local-only' },
};

function ollama(routes: Parameters<typeof fixtureFetch>[0], settings: OllamaSettings = {}) {
  const fake = fixtureFetch(routes);
  return {
    backend: createOllama({ baseUrl: 'http://gpu-box:11434/', fetch: fake.fetch, ...settings }),
    calls: fake.calls,
  };
}

function text(parts: readonly StreamPart[]): string {
  return parts
    .map((part) => (part.type === 'chunk' ? (part.chunk.choices[0]?.delta.content ?? '') : ''))
    .join('');
}

describe('createOllama: generate', () => {
  it('posts a native /api/chat body and maps the answer, usage and nanosecond timings', async () => {
    const { backend, calls } = ollama(
      { [chat]: loadFixture(fixtures, 'ollama-chat-text') },
      { keepAlive: '30m' },
    );
    const result = await backend.doGenerate({ request, model: 'llama3.1:8b' });
    expect(calls[0]?.url).toBe('http://gpu-box:11434/api/chat');
    expect(calls[0]?.headers).not.toHaveProperty('authorization');
    expect(calls[0]?.body).toEqual({
      model: 'llama3.1:8b',
      messages: request.messages,
      stream: false,
      options: { num_predict: 300 },
      keep_alive: '30m',
    });
    expect(result.completion).toMatchObject({
      object: 'chat.completion',
      created: 1788256800,
      model: 'llama3.1:8b',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello! How can I help you today?' },
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 26, completion_tokens: 282, total_tokens: 308 },
    });
    expect(result.completion.id).toMatch(/^chatcmpl-[0-9a-f-]{36}$/);
    expect(result.usage).toEqual({
      inputTokens: 26,
      outputTokens: 282,
      cachedInputTokens: 0,
      reasoningTokens: 0,
    });
    expect(result.timing).toMatchObject({
      promptMs: 342.546,
      generationMs: 4535.599,
      outputTokensPerSecond: 62.175,
    });
    expect(result.timing.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.warnings).toEqual([]);
  });

  it('maps object tool-call arguments to JSON strings, fills missing ids and reports tool_calls', async () => {
    const { backend } = ollama({ [chat]: loadFixture(fixtures, 'ollama-chat-tool-call') });
    const { completion, usage } = await backend.doGenerate({ request, model: 'llama3.1:8b' });
    expect(completion.choices[0]).toEqual({
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_yk3lfz1o',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Oslo","unit":"celsius"}' },
          },
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_time', arguments: '{"timezone":"Europe/Oslo"}' },
          },
        ],
      },
      finish_reason: 'tool_calls',
    });
    expect(usage).toMatchObject({ inputTokens: 213, outputTokens: 40 });
  });

  it('maps done_reason length, thinking as reasoning, and absent counts as 0', async () => {
    const { backend } = ollama({ [chat]: loadFixture(fixtures, 'ollama-chat-length') });
    const { completion, usage, timing } = await backend.doGenerate({ request, model: 'qwen3:8b' });
    expect(completion.choices[0]).toEqual({
      index: 0,
      message: { role: 'assistant', content: 'The answer begins', reasoning: 'The user wants a long essay.' },
      finish_reason: 'length',
    });
    expect(usage).toEqual({ inputTokens: 0, outputTokens: 8, cachedInputTokens: 0, reasoningTokens: 0 });
    expect(timing).toMatchObject({ generationMs: 400, outputTokensPerSecond: 20 });
    expect(timing).not.toHaveProperty('promptMs');
  });

  it('sends the API key as a Bearer token (proxy or Ollama cloud), read at call time', async () => {
    let key = 'first-key-0001';
    const { backend, calls } = ollama(
      { [chat]: loadFixture(fixtures, 'ollama-chat-text') },
      { apiKey: () => key },
    );
    await backend.doGenerate({ request, model: 'm' });
    key = 'second-key-0002';
    await backend.doGenerate({ request, model: 'm', headers: { 'x-trace': 't1' } });
    expect(calls.map((call) => call.headers.authorization)).toEqual([
      'Bearer first-key-0001',
      'Bearer second-key-0002',
    ]);
    expect(calls[1]?.headers['x-trace']).toBe('t1');
  });

  it('reports an answer without a finished message as invalid-output', async () => {
    const { backend } = ollama({ [chat]: { body: { model: 'm', done: false } } });
    const error = await failure(backend.doGenerate({ request, model: 'm' }));
    expect(error).toMatchObject({ code: 'invalid-output', phase: 'headers', status: 200 });
  });
});

describe('createOllama: stream', () => {
  it('streams NDJSON lines as chunks in order (role first) and finishes with usage and timings', async () => {
    const recorded = loadChunks(fixtures, 'ollama-stream');
    const { backend, calls } = ollama({ [chat]: { headers: ndjson, chunks: splitIntoChunks(recorded, 37) } });
    const { stream, warnings } = await backend.doStream({ request, model: 'llama3.1:8b' });
    const parts = await collect(stream);
    expect(calls[0]?.body).toMatchObject({ stream: true });
    expect(calls[0]?.headers.accept).toBe('application/x-ndjson');
    expect(warnings).toEqual([]);
    expect(parts.map((part) => part.type)).toEqual(['chunk', 'chunk', 'chunk', 'chunk', 'finish']);
    const chunks = parts.flatMap((part) => (part.type === 'chunk' ? [part.chunk] : []));
    expect(chunks.map((chunk) => chunk.choices[0]?.delta)).toEqual([
      { role: 'assistant', content: 'The' },
      { content: ' sky' },
      { content: ' is blue.' },
      {},
    ]);
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason)).toEqual([null, null, null, 'stop']);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks[0]).toMatchObject({
      object: 'chat.completion.chunk',
      model: 'llama3.1:8b',
      created: 1788256800,
    });
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 26, outputTokens: 282, cachedInputTokens: 0, reasoningTokens: 0 },
      timing: { promptMs: 342.546, generationMs: 4535.599, outputTokensPerSecond: 62.175 },
    });
    const finish = parts.at(-1);
    expect(finish?.type === 'finish' && finish.timing.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
  });

  it('emits complete tool calls as indexed tool_calls deltas, thinking as reasoning, and finishes tool_calls', async () => {
    const { backend } = ollama({
      [chat]: { headers: ndjson, chunks: [loadChunks(fixtures, 'ollama-stream-tool-call')] },
    });
    const parts = await collect((await backend.doStream({ request, model: 'qwen3:8b' })).stream);
    const deltas = parts.flatMap((part) => (part.type === 'chunk' ? [part.chunk.choices[0]?.delta] : []));
    expect(deltas).toEqual([
      { role: 'assistant', reasoning: 'Need the weather.' },
      {
        tool_calls: [
          {
            index: 0,
            id: 'call_a1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
          },
        ],
      },
      {
        tool_calls: [
          {
            index: 1,
            id: 'call_1',
            type: 'function',
            function: { name: 'get_time', arguments: '{"timezone":"Europe/Oslo"}' },
          },
        ],
      },
      {},
    ]);
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'tool_calls',
      usage: { inputTokens: 180, outputTokens: 30 },
    });
  });

  it('turns an {"error"} line after the 200 into a stream error, after the text already sent', async () => {
    const { backend } = ollama({
      [chat]: { headers: ndjson, chunks: [loadChunks(fixtures, 'ollama-stream-error')] },
    });
    const { seen, error } = await drainUntilFailure((await backend.doStream({ request, model: 'm' })).stream);
    expect(text(seen)).toBe('The sky');
    expect(seen.some((part) => part.type === 'finish')).toBe(false);
    expect(error).toMatchObject({
      code: 'unavailable',
      phase: 'stream',
      isRetryable: false,
      backend: 'ollama',
    });
    expect(error.message).toMatch(/^an error was encountered while running the model: unexpected EOF/);
  });

  it.each<[string, (recorded: string) => string, string]>([
    [
      'cut mid-line',
      (recorded) => recorded.slice(0, recorded.indexOf('"done":true') - 60),
      'the Ollama stream ended without its done:true line (cut mid-line at line 4)',
    ],
    [
      'ended at a line break',
      (recorded) => recorded.slice(0, recorded.lastIndexOf('\n', recorded.indexOf('"done":true')) + 1),
      'the Ollama stream ended without its done:true line (after 3 lines)',
    ],
  ])('fails a stream %s before done:true as a retryable network failure', async (_, cut, message) => {
    const chunks = [cut(loadChunks(fixtures, 'ollama-stream'))];
    const { backend } = ollama({ [chat]: { headers: ndjson, chunks } });
    const { seen, error } = await drainUntilFailure((await backend.doStream({ request, model: 'm' })).stream);
    expect(text(seen)).toBe('The sky is blue.');
    expect(error).toMatchObject({ code: 'network', phase: 'stream', isRetryable: true });
    expect(error.message).toBe(message);
  });

  it('reports a line that is not JSON as invalid-output', async () => {
    const { backend } = ollama({
      [chat]: { headers: ndjson, chunks: ['{"message":{"content":"a"},"done":false}\n{"mess\n'] },
    });
    const { error } = await drainUntilFailure((await backend.doStream({ request, model: 'm' })).stream);
    expect(error).toMatchObject({ code: 'invalid-output', phase: 'stream', isRetryable: false });
    expect(error.message).toBe('Ollama sent an invalid stream: line 2 is not valid JSON');
  });

  it('rejects doStream with the HTTP error before any stream starts', async () => {
    const { backend } = ollama({ [chat]: loadFixture(fixtures, 'ollama-error-model-not-found') });
    const error = await failure(backend.doStream({ request, model: 'llama9:70b' }));
    expect(error).toMatchObject({ code: 'model-not-found', phase: 'headers', status: 404 });
  });

  it('maps a caller abort mid-stream to aborted / stream', async () => {
    const first = '{"model":"m","message":{"role":"assistant","content":"The"},"done":false}\n';
    const fake = fixtureFetch({ [chat]: { headers: ndjson, chunks: [first], hang: true } });
    const controller = new AbortController();
    const { stream } = await createOllama({ fetch: fake.fetch }).doStream({
      request,
      model: 'm',
      signal: controller.signal,
    });
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ type: 'chunk' });
    controller.abort();
    expect(await failure(iterator.next())).toMatchObject({
      code: 'aborted',
      phase: 'stream',
      isRetryable: false,
    });
    expect(fake.calls[0]?.signal?.aborted).toBe(true);
  });

  it('cancels the body (closing the connection) when the consumer stops early', async () => {
    const recorded = loadChunks(fixtures, 'ollama-stream');
    const fake = fixtureFetch({ [chat]: { headers: ndjson, chunks: splitIntoChunks(recorded, 40) } });
    const { stream } = await createOllama({ fetch: fake.fetch }).doStream({ request, model: 'm' });
    for await (const part of stream) if (part.type === 'chunk') break;
    expect(fake.calls[0]?.bodyCancelled).toBe(true);
  });

  it('times out a stalled stream with streamIdleTimeoutMs', async () => {
    const first = '{"model":"m","message":{"role":"assistant","content":"The"},"done":false}\n';
    const fake = fixtureFetch({ [chat]: { headers: ndjson, chunks: [first], hang: true } });
    const backend = createOllama({ fetch: fake.fetch, streamIdleTimeoutMs: 30 });
    const { error } = await drainUntilFailure((await backend.doStream({ request, model: 'm' })).stream);
    expect(error).toMatchObject({ code: 'timeout', phase: 'stream', isRetryable: true });
    expect(error.message).toBe('timed out calling http://127.0.0.1:11434/api/chat: no data for 30 ms');
  });

  it('fails with aborted when the signal fires before the answer', async () => {
    const fake = fixtureFetch({ [chat]: { ...loadFixture(fixtures, 'ollama-chat-text'), delayMs: 5_000 } });
    const controller = new AbortController();
    const pending = createOllama({ fetch: fake.fetch }).doGenerate({
      request,
      model: 'm',
      signal: controller.signal,
    });
    controller.abort();
    expect(await failure(pending)).toMatchObject({ code: 'aborted', phase: 'connect' });
  });
});

describe('createOllama: errors', () => {
  it.each<[string, BackendErrorCode, boolean, string | RegExp]>([
    ['ollama-error-model-not-found', 'model-not-found', false, "model 'llama9:70b' not found"],
    [
      'ollama-error-no-tools',
      'unsupported',
      false,
      'registry.ollama.ai/library/gemma:2b does not support tools',
    ],
    ['ollama-error-bad-option', 'invalid-request', false, /^json: cannot unmarshal string/],
    ['ollama-error-context', 'context-length-exceeded', false, 'input length exceeds maximum context length'],
    [
      'ollama-error-runner-crash',
      'unavailable',
      false,
      /^llama runner process has terminated: exit status 2 \(Ollama could not/,
    ],
    ['ollama-error-out-of-memory', 'unavailable', false, /^model requires more system memory/],
    ['ollama-error-bad-format', 'invalid-request', false, /^invalid JSON schema in format/],
    [
      'ollama-error-cloud-unreachable',
      'unavailable',
      true,
      'an error occurred while connecting to the cloud model',
    ],
    [
      'ollama-error-busy',
      'overloaded',
      true,
      'server busy, please try again.  maximum pending requests exceeded',
    ],
    ['ollama-error-rate-limited', 'rate-limited', true, 'too many requests'],
    ['ollama-error-unauthorized', 'unauthorized', false, 'unauthorized'],
    [
      'ollama-error-wrong-path',
      'unsupported',
      false,
      /^404 page not found \(endpoint not found: baseUrl must be the Ollama root/,
    ],
  ])('%s → %s', async (name, code, retryable, message) => {
    const fixture = loadFixture(fixtures, name);
    const { backend } = ollama({ [chat]: fixture });
    const error = await failure(backend.doGenerate({ request, model: 'm' }));
    expect(error).toMatchObject({
      code,
      isRetryable: retryable,
      status: fixture.status,
      phase: 'headers',
      backend: 'ollama',
    });
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });

  it('reads Retry-After on a 429', async () => {
    const { backend } = ollama({ [chat]: loadFixture(fixtures, 'ollama-error-rate-limited') });
    expect(await failure(backend.doGenerate({ request, model: 'm' }))).toMatchObject({ retryAfterMs: 7000 });
  });

  it('classifies a refused connection as network, naming the address', async () => {
    const { backend } = ollama({ [chat]: { error: connectionError('ECONNREFUSED') } });
    const error = await failure(backend.doGenerate({ request, model: 'm' }));
    expect(error).toMatchObject({ code: 'network', phase: 'connect', isRetryable: true });
    expect(error.message).toBe('cannot reach http://gpu-box:11434/api/chat: connection refused');
  });

  it('never puts the API key in an error or a warning, even when the server echoes it', async () => {
    const key = 'sk-ollama-cloud-5f2b9c1e7d';
    const echo = { status: 401, body: { error: `invalid key ${key}` } };
    const { backend } = ollama({ [chat]: echo }, { apiKey: key });
    const error = await failure(backend.doGenerate({ request: { ...request, n: 2 }, model: 'm' }));
    expect(error.message).toBe('invalid key [redacted]');
    expect(JSON.stringify(error.toJSON())).not.toContain(key);
    const ok = ollama({ [chat]: loadFixture(fixtures, 'ollama-chat-text') }, { apiKey: key }).backend;
    const { warnings } = await ok.doGenerate({ request: { ...request, n: 2 }, model: 'm' });
    expect(JSON.stringify(warnings)).not.toContain(key);
  });
});

describe('createOllama: describe, probe, warmUp', () => {
  const showRoute = (call: { body: unknown }) => {
    const model = (call.body as { model?: string }).model;
    if (model === 'llama3.1:8b') return loadFixture(fixtures, 'ollama-show-llama');
    if (model === 'llava:7b') return loadFixture(fixtures, 'ollama-show-llava');
    return { status: 500, body: { error: 'read manifest: unexpected EOF' } };
  };
  const catalog = {
    'GET /api/tags': loadFixture(fixtures, 'ollama-tags'),
    'GET /api/ps': loadFixture(fixtures, 'ollama-ps'),
    'POST /api/show': showRoute,
  };

  it('describes installed models with quantization, capabilities, context and load state', async () => {
    const { backend, calls } = ollama(catalog);
    const { backend: id, kind, models } = await backend.describe();
    expect({ id, kind }).toEqual({ id: 'ollama', kind: 'ollama' });
    expect(models).toEqual([
      {
        id: 'llama3.1:8b',
        contextWindow: 8192,
        quantization: 'Q4_K_M',
        capabilities: { contextWindow: 8192, tools: true, vision: false, structuredOutput: 'native' },
        loaded: true,
        sizeBytes: 4920753328,
        parameterSize: '8.0B',
        family: 'llama',
        trainedContextWindow: 131072,
        loadedContextWindow: 8192,
        expiresAt: '2026-09-01T10:35:00.000000000+02:00',
        vramBytes: 5368709120,
        ollamaCapabilities: ['completion', 'tools'],
      },
      {
        id: 'llava:7b',
        contextWindow: 32768,
        quantization: 'Q4_0',
        capabilities: { contextWindow: 32768, tools: false, vision: true, structuredOutput: 'native' },
        loaded: false,
        sizeBytes: 4733363377,
        parameterSize: '7B',
        family: 'llama',
        trainedContextWindow: 32768,
        ollamaCapabilities: ['completion', 'vision'],
      },
      {
        id: 'qwen2.5:14b-instruct-q8_0',
        quantization: 'Q8_0',
        capabilities: { structuredOutput: 'native' },
        loaded: false,
        sizeBytes: 15701597184,
        parameterSize: '14.8B',
        family: 'qwen2',
      },
    ]);
    expect(calls.filter((call) => call.url.endsWith('/api/show')).map((call) => call.body)).toEqual([
      { model: 'llama3.1:8b' },
      { model: 'llava:7b' },
      { model: 'qwen2.5:14b-instruct-q8_0' },
    ]);
  });

  it('reports the configured numCtx as the context window, capped at the trained maximum', async () => {
    const numCtx = { 'llama3.1:8b': 16384, 'llava:7b': 65536, 'qwen2.5:14b-instruct-q8_0': 65536 };
    const { backend } = ollama(catalog, { numCtx });
    const { models } = await backend.describe();
    expect(models.map((model) => model.contextWindow)).toEqual([16384, 32768, 65536]);
  });

  it('fails describe when /api/tags fails', async () => {
    const { backend } = ollama({ 'GET /api/tags': { error: connectionError('ECONNREFUSED') } });
    await expect(backend.describe()).rejects.toMatchObject({ code: 'network' });
  });

  it('probes with GET / and lists loaded models from /api/ps', async () => {
    const { backend, calls } = ollama({
      'GET /': { headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Ollama is running' },
      'GET /api/ps': loadFixture(fixtures, 'ollama-ps'),
    });
    const result = await backend.probe();
    expect(result).toMatchObject({
      status: 'up',
      detail: 'loaded: llama3.1:8b',
      loadedModels: [
        { id: 'llama3.1:8b', contextWindow: 8192, expiresAt: '2026-09-01T10:35:00.000000000+02:00' },
      ],
    });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'GET http://gpu-box:11434/',
      'GET http://gpu-box:11434/api/ps',
    ]);
  });

  it.each<[string, Parameters<typeof fixtureFetch>[0], string, string | RegExp]>([
    [
      'port closed',
      { 'GET /': { error: connectionError('ECONNREFUSED') } },
      'down',
      'network: cannot reach http://gpu-box:11434/: connection refused',
    ],
    [
      'another server on the port',
      { 'GET /': { body: '<html>router login</html>' }, 'GET /api/version': { status: 404, body: 'nope' } },
      'down',
      /not as an Ollama server/,
    ],
    [
      'a proxy root that still has /api/version',
      {
        'GET /': { body: 'OK' },
        'GET /api/version': { body: { version: '0.13.0' } },
        'GET /api/ps': { body: { models: [] } },
      },
      'up',
      'no model loaded',
    ],
    [
      '/api/ps failing',
      { 'GET /': { body: 'Ollama is running' }, 'GET /api/ps': { status: 500, body: { error: 'x' } } },
      'up',
      '',
    ],
  ])('probe: %s → %s', async (_name, routes, status, detail) => {
    const result = await ollama(routes).backend.probe();
    expect(result.status).toBe(status);
    if (detail === '') expect(result).not.toHaveProperty('detail');
    else if (typeof detail === 'string') expect(result.detail).toBe(detail);
    else expect(result.detail).toMatch(detail);
  });

  it('warms a model up with empty messages, keep_alive and num_ctx', async () => {
    const { backend, calls } = ollama(
      { [chat]: loadFixture(fixtures, 'ollama-warm-up') },
      { keepAlive: -1, numCtx: { 'llama3.1:8b': 16384 } },
    );
    await backend.warmUp('llama3.1:8b');
    expect(calls[0]?.body).toEqual({
      model: 'llama3.1:8b',
      messages: [],
      stream: false,
      keep_alive: -1,
      options: { num_ctx: 16384 },
    });
  });

  it('fails a warm-up of a missing model with model-not-found', async () => {
    const { backend } = ollama({ [chat]: loadFixture(fixtures, 'ollama-error-model-not-found') });
    await expect(backend.warmUp('llama9:70b')).rejects.toMatchObject({
      code: 'model-not-found',
      status: 404,
    });
  });
});

describe('createOllama: settings', () => {
  it('rejects invalid settings at construction, naming each field and never a value', () => {
    const build = () =>
      createOllama({
        baseUrl: 'gpu-box:11434',
        numCtx: { 'llama3.1:8b': 16384, 'qwen2.5:14b': 0 },
        keepAlive: '30 minutes',
        truncate: 'no' as unknown as boolean,
        streamIdleTimeoutMs: -1,
      });
    expect(build).toThrow(
      expect.objectContaining({
        name: 'InvalidConfigError',
        issues: [
          'baseUrl: must be an http(s) URL such as http://127.0.0.1:11434',
          'numCtx.qwen2.5:14b: must be a positive integer',
          "keepAlive: must be a duration such as '30m' or '1h', or a number of seconds (-1 = forever)",
          'truncate: must be true or false',
          'streamIdleTimeoutMs: must be a positive number of milliseconds',
        ],
      }),
    );
    expect(() => createOllama({ numCtx: 8192.5 })).toThrow(/numCtx: must be a positive integer/);
  });

  it.each<OllamaSettings>([
    {},
    { keepAlive: -1 },
    { keepAlive: '1h30m' },
    { keepAlive: '0' },
    { numCtx: 8192, truncate: false },
  ])('accepts %o', (settings) => {
    expect(createOllama(settings).kind).toBe('ollama');
  });
});
