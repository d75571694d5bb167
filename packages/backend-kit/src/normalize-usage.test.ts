import { describe, expect, it } from 'vitest';
import { normalizeOpenAIUsage, toOpenAIUsage } from './normalize-usage.js';

describe('normalizeOpenAIUsage', () => {
  it.each([
    [
      'OpenAI with cached and reasoning tokens',
      {
        prompt_tokens: 82,
        completion_tokens: 41,
        total_tokens: 123,
        prompt_tokens_details: { cached_tokens: 64, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 12 },
      },
      { inputTokens: 82, outputTokens: 41, cachedInputTokens: 64, reasoningTokens: 12 },
    ],
    [
      'llama.cpp',
      {
        completion_tokens: 10,
        prompt_tokens: 25,
        total_tokens: 35,
        prompt_tokens_details: { cached_tokens: 24 },
      },
      { inputTokens: 25, outputTokens: 10, cachedInputTokens: 24, reasoningTokens: 0 },
    ],
    [
      'OpenRouter with cost',
      { prompt_tokens: 14, completion_tokens: 9, total_tokens: 23, cost: 0.0000005, is_byok: false },
      {
        inputTokens: 14,
        outputTokens: 9,
        cachedInputTokens: 0,
        reasoningTokens: 0,
        providerCostUsd: 0.0000005,
      },
    ],
    ['null', null, undefined],
  ])('%s', (_name, usage, expected) => {
    expect(normalizeOpenAIUsage(usage)).toEqual(expected);
  });

  it('rebuilds a clean OpenAI usage object', () => {
    expect(
      toOpenAIUsage({
        prompt_tokens: 3,
        completion_tokens: 2,
        cost: 1,
        prompt_tokens_details: { cached_tokens: 1 },
      }),
    ).toEqual({
      prompt_tokens: 3,
      completion_tokens: 2,
      total_tokens: 5,
      prompt_tokens_details: { cached_tokens: 1 },
    });
  });
});
