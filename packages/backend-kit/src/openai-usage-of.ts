import type { NormalizedUsage, Usage } from '@switchyard/core';

/** Settings of {@link openAIUsageOf}. */
export type OpenAIUsageOptions = {
  /**
   * Report `prompt_tokens_details.cached_tokens` (default true). Leave it out for servers that do
   * not report cache hits (Ollama), rather than claiming 0.
   */
  readonly cachedTokens?: boolean;
};

/**
 * The OpenAI `usage` object of a `chat.completion` built by a native adapter (Anthropic, Ollama)
 * from its normalised usage: prompt (cached included), completion and total tokens.
 *
 * @example
 * openAIUsageOf({ inputTokens: 1120, outputTokens: 50, cachedInputTokens: 1000, reasoningTokens: 0 });
 * // → { prompt_tokens: 1120, completion_tokens: 50, total_tokens: 1170, prompt_tokens_details: { cached_tokens: 1000 } }
 */
export function openAIUsageOf(usage: NormalizedUsage, options: OpenAIUsageOptions = {}): Usage {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    ...(options.cachedTokens === false
      ? {}
      : { prompt_tokens_details: { cached_tokens: usage.cachedInputTokens } }),
  };
}
