import type { ChatRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { connectionError, fixtureFetch } from '../../backend-kit/src/__fixtures__/fixture-fetch.js';
import { createOpenAICompatible } from './create-openai-compatible.js';

const request: ChatRequest = {
  model: 'auto',
  messages: [
    { role: 'developer', content: 'Be brief.' },
    { role: 'user', content: 'Hi' },
  ],
  max_completion_tokens: 10,
  response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } },
};
const answer = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'local-model',
  choices: [{ index: 0, message: { role: 'assistant', content: '{}' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
};

describe('createOpenAICompatible', () => {
  it('sends max_tokens and response_format as given, with no auth header when no key is set', async () => {
    const fake = fixtureFetch({ 'POST /v1/chat/completions': { body: answer } });
    const backend = createOpenAICompatible({
      id: 'lm-studio',
      baseUrl: 'http://127.0.0.1:1234/v1',
      fetch: fake.fetch,
    });
    const { completion } = await backend.doGenerate({ request, model: 'local-model' });
    expect(backend.id).toBe('lm-studio');
    expect(backend.kind).toBe('openai-compatible');
    expect(fake.calls[0]?.headers).not.toHaveProperty('authorization');
    expect(fake.calls[0]?.body).toEqual({
      model: 'local-model',
      messages: request.messages,
      max_tokens: 10,
      response_format: request.response_format,
      stream: false,
    });
    expect(completion.choices[0]?.message.content).toBe('{}');
  });

  it('honours maxTokensField and developerRoleAsSystem', async () => {
    const fake = fixtureFetch({ 'POST /v1/chat/completions': { body: answer } });
    const backend = createOpenAICompatible({
      baseUrl: 'http://h/v1',
      fetch: fake.fetch,
      maxTokensField: 'max_completion_tokens',
      developerRoleAsSystem: true,
    });
    await backend.doGenerate({ request, model: 'm' });
    expect(fake.calls[0]?.body).toMatchObject({
      max_completion_tokens: 10,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
    });
  });

  it('describes from GET /models, reading whichever context-window field the server adds', async () => {
    const fake = fixtureFetch({
      'GET /v1/models': {
        body: {
          object: 'list',
          data: [
            { id: 'vllm-style', object: 'model', max_model_len: 32768 },
            { id: 'llama-style', object: 'model', meta: { n_ctx: 8192, n_ctx_train: 131072 } },
            { id: 'plain', object: 'model' },
          ],
        },
      },
    });
    const backend = createOpenAICompatible({ baseUrl: 'http://h/v1/', fetch: fake.fetch });
    expect(await backend.describe()).toEqual({
      backend: 'openai-compatible',
      kind: 'openai-compatible',
      models: [
        { id: 'vllm-style', contextWindow: 32768 },
        { id: 'llama-style', contextWindow: 8192 },
        { id: 'plain' },
      ],
    });
    expect(fake.calls[0]?.url).toBe('http://h/v1/models');
  });

  it('probes GET /models: up, or down with the reason', async () => {
    const up = fixtureFetch({ 'GET /v1/models': { body: { data: [] } } });
    expect(await createOpenAICompatible({ baseUrl: 'http://h/v1', fetch: up.fetch }).probe()).toMatchObject({
      status: 'up',
    });
    const down = fixtureFetch({ 'GET /v1/models': { error: connectionError('ECONNREFUSED') } });
    expect(await createOpenAICompatible({ baseUrl: 'http://h/v1', fetch: down.fetch }).probe()).toMatchObject(
      {
        status: 'down',
        detail: 'network: cannot reach http://h/v1/models: connection refused',
      },
    );
  });

  it('fails calls without a key when requireApiKey is set', async () => {
    const fake = fixtureFetch({});
    const backend = createOpenAICompatible({
      baseUrl: 'http://h/v1',
      fetch: fake.fetch,
      requireApiKey: true,
      apiKeyEnv: 'GATEWAY_KEY_FOR_TEST',
    });
    await expect(backend.doGenerate({ request, model: 'm' })).rejects.toMatchObject({
      code: 'unauthorized',
      message: 'OpenAI-compatible server needs an API key: set GATEWAY_KEY_FOR_TEST or pass apiKey',
    });
    expect(fake.calls).toHaveLength(0);
  });
});
