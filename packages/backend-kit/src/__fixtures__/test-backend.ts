import type { ChatRequest, StreamPart } from '@switchyard/core';
import { createOpenAICompatibleBackend } from '../create-openai-compatible-backend.js';
import type { OpenAICompatibleDialect } from '../openai-compatible-dialect.js';
import { fixtureFetch, loadChunks } from './fixture-fetch.js';

/** Test-only: a minimal dialect, a request, recorded bodies and helpers shared by the base tests. */

const fixtures = new URL('./', import.meta.url);
export const toolCallStream = loadChunks(fixtures, 'openai-stream-tool-call');
export const openRouterStream = loadChunks(fixtures, 'openrouter-stream');

export const dialect: OpenAICompatibleDialect = {
  kind: 'openai-compatible',
  displayName: 'Test server',
  defaultId: 'test',
  maxTokensField: 'max_completion_tokens',
  apiKey: { required: true, defaultEnv: 'TEST_SERVER_KEY_FOR_SPEC' },
  describe: async (context) => ({ backend: context.id, kind: 'openai-compatible', models: [] }),
  probe: async () => ({ status: 'up', latencyMs: 0 }),
};

export const request: ChatRequest = {
  model: 'auto',
  messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
  max_tokens: 100,
  switchyard: { privacy: 'any', requestId: 'req-1' },
};

export const completionBody = {
  id: 'chatcmpl-abc',
  object: 'chat.completion',
  created: 1732262400,
  model: 'gpt-4o-mini-2024-07-18',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'Sunny.', refusal: null, annotations: [] },
      logprobs: null,
      finish_reason: 'stop',
    },
  ],
  usage: {
    prompt_tokens: 12,
    completion_tokens: 3,
    total_tokens: 15,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  },
  service_tier: 'default',
  system_fingerprint: 'fp_1',
};

export function backendWith(
  routes: Parameters<typeof fixtureFetch>[0],
  apiKey: string | (() => string | undefined) = 'sk-test-key-123456',
) {
  const fake = fixtureFetch(routes);
  const backend = createOpenAICompatibleBackend(
    { baseUrl: 'https://api.example.test/v1/', apiKey, fetch: fake.fetch },
    dialect,
  );
  return { backend, calls: fake.calls };
}

export function chunkTexts(parts: StreamPart[]): string {
  return parts
    .map((part) => (part.type === 'chunk' ? (part.chunk.choices[0]?.delta.content ?? '') : ''))
    .join('');
}

export { failure } from './call-failure.js';
