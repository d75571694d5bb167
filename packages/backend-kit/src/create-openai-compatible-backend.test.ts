import { describe, expect, it } from 'vitest';
import { connectionError, fixtureFetch } from './__fixtures__/fixture-fetch.js';
import { backendWith, completionBody, dialect, failure, request } from './__fixtures__/test-backend.js';
import { createOpenAICompatibleBackend } from './create-openai-compatible-backend.js';

describe('createOpenAICompatibleBackend: doGenerate', () => {
  it('sends the converted body with the key and maps completion, usage and timing', async () => {
    const { backend, calls } = backendWith({ 'POST /v1/chat/completions': { body: completionBody } });
    const result = await backend.doGenerate({ request, model: 'gpt-4o-mini', headers: { 'x-trace': 't1' } });
    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    expect(call.url).toBe('https://api.example.test/v1/chat/completions');
    expect(call.headers.authorization).toBe('Bearer sk-test-key-123456');
    expect(call.headers['x-trace']).toBe('t1');
    expect(call.body).toEqual({
      model: 'gpt-4o-mini',
      messages: request.messages,
      max_completion_tokens: 100,
      stream: false,
    });
    expect(result.completion).toEqual({
      id: 'chatcmpl-abc',
      object: 'chat.completion',
      created: 1732262400,
      model: 'gpt-4o-mini-2024-07-18',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Sunny.' }, finish_reason: 'stop' }],
      usage: {
        prompt_tokens: 12,
        completion_tokens: 3,
        total_tokens: 15,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
      system_fingerprint: 'fp_1',
    });
    expect(result.usage).toEqual({
      inputTokens: 12,
      outputTokens: 3,
      cachedInputTokens: 0,
      reasoningTokens: 0,
    });
    expect(result.timing.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.warnings).toEqual([]);
  });

  it('forces stream:false even when the request asked to stream', async () => {
    const { backend, calls } = backendWith({ '/v1/chat/completions': { body: completionBody } });
    await backend.doGenerate({
      request: { ...request, stream: true, stream_options: { include_usage: true } },
      model: 'm',
    });
    expect(calls[0]?.body).toMatchObject({ stream: false });
    expect(calls[0]?.body).not.toHaveProperty('stream_options');
  });

  it('maps tool calls (object arguments become a JSON string) and reasoning_content', async () => {
    const body = {
      id: 'x',
      created: 1,
      model: 'm',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            reasoning_content: 'Need the weather tool.',
            tool_calls: [
              {
                id: 'call_1',
                type: 'function',
                function: { name: 'get_weather', arguments: { city: 'Paris' } },
              },
            ],
          },
          finish_reason: 'tool_calls',
        },
      ],
    };
    const { backend } = backendWith({ '/v1/chat/completions': { body } });
    const { completion, usage } = await backend.doGenerate({ request, model: 'm' });
    expect(completion.choices[0]?.message).toEqual({
      role: 'assistant',
      content: null,
      reasoning: 'Need the weather tool.',
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      ],
    });
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(usage).toEqual({ inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0 });
  });

  it('throws a classified error for an HTTP error, with the key redacted', async () => {
    const { backend } = backendWith({
      '/v1/chat/completions': {
        status: 401,
        body: {
          error: {
            message: 'Incorrect API key provided: sk-test-key-123456.',
            type: 'invalid_request_error',
            code: 'invalid_api_key',
          },
        },
      },
    });
    const error = await failure(backend.doGenerate({ request, model: 'm' }));
    expect(error).toMatchObject({
      code: 'unauthorized',
      status: 401,
      phase: 'headers',
      backend: 'test',
      isRetryable: false,
    });
    expect(error.message).not.toContain('sk-test-key-123456');
    expect(JSON.stringify(error.toJSON())).not.toContain('123456');
  });

  it('redacts a key set as a custom auth header too', async () => {
    const fake = fixtureFetch({
      '/v1/chat/completions': { status: 403, body: { error: 'bad key custom-header-secret-77' } },
    });
    const backend = createOpenAICompatibleBackend(
      { baseUrl: 'http://h/v1', headers: { 'x-api-key': 'custom-header-secret-77' }, fetch: fake.fetch },
      { ...dialect, apiKey: undefined },
    );
    const error = await failure(backend.doGenerate({ request, model: 'm' }));
    expect(error.message).toBe('bad key [redacted]');
  });

  it('treats a 200 body holding only an error object as that error', async () => {
    const { backend } = backendWith({
      '/v1/chat/completions': { body: { error: { code: 502, message: 'Provider returned error' } } },
    });
    const error = await failure(backend.doGenerate({ request, model: 'm' }));
    expect(error).toMatchObject({ code: 'unavailable', status: 502, phase: 'headers' });
  });

  it('reports a body without choices as invalid-output', async () => {
    const { backend } = backendWith({ '/v1/chat/completions': { body: { hello: 'world' } } });
    expect(await failure(backend.doGenerate({ request, model: 'm' }))).toMatchObject({
      code: 'invalid-output',
    });
  });

  it('maps a refused connection to network / connect', async () => {
    const { backend } = backendWith({ '/v1/chat/completions': { error: connectionError('ECONNREFUSED') } });
    const error = await failure(backend.doGenerate({ request, model: 'm' }));
    expect(error).toMatchObject({ code: 'network', phase: 'connect', isRetryable: true });
    expect(error.message).toBe(
      'cannot reach https://api.example.test/v1/chat/completions: connection refused',
    );
  });

  it('maps an abort before the answer to aborted, and AbortSignal.timeout to timeout', async () => {
    const { backend } = backendWith({ '/v1/chat/completions': { body: completionBody, delayMs: 200 } });
    const controller = new AbortController();
    const pending = failure(backend.doGenerate({ request, model: 'm', signal: controller.signal }));
    controller.abort();
    expect(await pending).toMatchObject({ code: 'aborted', phase: 'connect', isRetryable: false });
    const timedOut = await failure(
      backend.doGenerate({ request, model: 'm', signal: AbortSignal.timeout(10) }),
    );
    expect(timedOut).toMatchObject({ code: 'timeout', phase: 'connect', isRetryable: true });
  });
});

describe('createOpenAICompatibleBackend: API key', () => {
  it('constructs without a key, then fails the call with unauthorized naming the env variable', async () => {
    const { backend, calls } = backendWith(
      { '/v1/chat/completions': { body: completionBody } },
      () => undefined,
    );
    const error = await failure(backend.doGenerate({ request, model: 'm' }));
    expect(error).toMatchObject({ code: 'unauthorized', phase: 'connect', isRetryable: false });
    expect(error.message).toBe(
      'Test server needs an API key: the apiKey setting returned no key and TEST_SERVER_KEY_FOR_SPEC is not set',
    );
    expect(calls).toHaveLength(0);
    await expect(backend.doStream({ request, model: 'm' })).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('reads the key at call time (rotation without rebuilding)', async () => {
    let current = 'first-key-aaaa';
    const { backend, calls } = backendWith(
      { '/v1/chat/completions': { body: completionBody } },
      () => current,
    );
    await backend.doGenerate({ request, model: 'm' });
    current = 'second-key-bbbb';
    await backend.doGenerate({ request, model: 'm' });
    expect(calls.map((call) => call.headers.authorization)).toEqual([
      'Bearer first-key-aaaa',
      'Bearer second-key-bbbb',
    ]);
  });

  it('reads the default env variable at call time', async () => {
    const fake = fixtureFetch({ '/v1/chat/completions': { body: completionBody } });
    const backend = createOpenAICompatibleBackend({ baseUrl: 'http://h/v1', fetch: fake.fetch }, dialect);
    process.env.TEST_SERVER_KEY_FOR_SPEC = 'env-key-cccc';
    try {
      await backend.doGenerate({ request, model: 'm' });
    } finally {
      delete process.env.TEST_SERVER_KEY_FOR_SPEC;
    }
    expect(fake.calls[0]?.headers.authorization).toBe('Bearer env-key-cccc');
  });
});
