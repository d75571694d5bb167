import type { NormalizedUsage } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { openAIUsageOf } from './openai-usage-of.js';

const usage: NormalizedUsage = {
  inputTokens: 1120,
  outputTokens: 50,
  cachedInputTokens: 1000,
  reasoningTokens: 7,
};

describe('openAIUsageOf', () => {
  it('reports prompt, completion and total tokens with the cached part', () => {
    expect(openAIUsageOf(usage)).toEqual({
      prompt_tokens: 1120,
      completion_tokens: 50,
      total_tokens: 1170,
      prompt_tokens_details: { cached_tokens: 1000 },
    });
  });

  it('leaves the cached part out for servers that do not report it', () => {
    expect(openAIUsageOf(usage, { cachedTokens: false })).toEqual({
      prompt_tokens: 1120,
      completion_tokens: 50,
      total_tokens: 1170,
    });
  });
});
