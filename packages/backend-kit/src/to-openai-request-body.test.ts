import type { ChatRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { toOpenAIRequestBody } from './to-openai-request-body.js';

const request: ChatRequest = {
  model: 'auto',
  messages: [
    { role: 'developer', content: 'Be brief.' },
    { role: 'user', content: 'Hi' },
  ],
  max_tokens: 64,
  temperature: null,
  stream: false,
  stream_options: { include_usage: false },
  switchyard: { privacy: 'local-only', tags: ['secret-tag'] },
  top_k: 40,
} as ChatRequest;

describe('toOpenAIRequestBody', () => {
  it('never sends the switchyard extension, drops nulls, keeps unknown extras, sets model and stream', () => {
    const body = toOpenAIRequestBody(request, {
      model: 'qwen',
      stream: false,
      maxTokensField: 'max_tokens',
      warnings: [],
    });
    expect(body).not.toHaveProperty('switchyard');
    expect(JSON.stringify(body)).not.toContain('secret-tag');
    expect(body).not.toHaveProperty('temperature');
    expect(body).toMatchObject({ model: 'qwen', stream: false, top_k: 40, max_tokens: 64 });
    expect(body).not.toHaveProperty('stream_options');
  });

  it('always asks for streamed usage, whatever the caller set', () => {
    const body = toOpenAIRequestBody(request, {
      model: 'm',
      stream: true,
      maxTokensField: 'max_tokens',
      warnings: [],
    });
    expect(body.stream).toBe(true);
    expect(body.stream_options).toEqual({ include_usage: true });
  });

  it.each([
    [{ max_tokens: 10 }, 'max_completion_tokens', { max_completion_tokens: 10 }],
    [{ max_completion_tokens: 20 }, 'max_tokens', { max_tokens: 20 }],
    [{ max_tokens: 10, max_completion_tokens: 20 }, 'max_tokens', { max_tokens: 20 }],
    [{}, 'max_tokens', {}],
  ] as const)('moves %o to %s', (limits, field, expected) => {
    const body = toOpenAIRequestBody(
      { model: 'a', messages: [], ...limits },
      { model: 'm', stream: false, maxTokensField: field, warnings: [] },
    );
    const actual = Object.fromEntries(
      Object.entries(body).filter(([key]) => key === 'max_tokens' || key === 'max_completion_tokens'),
    );
    expect(actual).toEqual(expected);
  });

  it('maps developer to system only when asked, without mutating the request', () => {
    const kept = toOpenAIRequestBody(request, {
      model: 'm',
      stream: false,
      maxTokensField: 'max_tokens',
      warnings: [],
    });
    expect((kept.messages as { role: string }[])[0]?.role).toBe('developer');
    const mapped = toOpenAIRequestBody(request, {
      model: 'm',
      stream: false,
      maxTokensField: 'max_tokens',
      developerRoleAsSystem: true,
      warnings: [],
    });
    expect((mapped.messages as { role: string }[])[0]).toEqual({ role: 'system', content: 'Be brief.' });
    expect(request.messages[0]?.role).toBe('developer');
  });

  it('drops an empty tools array with its tool_choice and says so', () => {
    const warnings: string[] = [];
    const body = toOpenAIRequestBody(
      { model: 'a', messages: [], tools: [], tool_choice: 'auto' },
      { model: 'm', stream: false, maxTokensField: 'max_tokens', warnings },
    );
    expect(body).not.toHaveProperty('tools');
    expect(body).not.toHaveProperty('tool_choice');
    expect(warnings).toEqual(['dropped an empty tools array (and its tool_choice)']);
  });
});
