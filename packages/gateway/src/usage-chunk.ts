import type { ChatCompletionChunk, NormalizedUsage, Usage } from '@switchyard/core';

/**
 * OpenAI's `usage` object from normalised usage: prompt, completion and total tokens, with the
 * cached and reasoning token details.
 *
 * @example
 * openAIUsageOf({ inputTokens: 12, outputTokens: 8, cachedInputTokens: 0, reasoningTokens: 0 });
 * // { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20, … }
 */
export function openAIUsageOf(usage: NormalizedUsage): Usage {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens },
  };
}

/**
 * The last chunk of a stream with `stream_options.include_usage`: no choices, the usage of the
 * answering call, and the id, creation time and model of the stream's other chunks.
 *
 * @example
 * write(`data: ${JSON.stringify(usageChunk(lastChunk, result.usage))}\n\n`);
 */
export function usageChunk(
  like: Pick<ChatCompletionChunk, 'id' | 'created' | 'model'>,
  usage: NormalizedUsage,
): ChatCompletionChunk {
  return {
    id: like.id,
    object: 'chat.completion.chunk',
    created: like.created,
    model: like.model,
    choices: [],
    usage: openAIUsageOf(usage),
  };
}
