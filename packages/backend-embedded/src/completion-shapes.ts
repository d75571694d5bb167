import { randomUUID } from 'node:crypto';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  FinishReason,
  NormalizedUsage,
  Usage,
} from '@switchyard/core';

/** The id and timestamp every object of one response shares. */
export type CompletionIdentity = { readonly id: string; readonly created: number; readonly model: string };

/**
 * A fresh identity for one response: `chatcmpl-<uuid>` and the current Unix time in seconds.
 *
 * @example
 * const identity = newCompletionIdentity('tiny-chatml.gguf');
 */
export function newCompletionIdentity(model: string): CompletionIdentity {
  return { id: `chatcmpl-${randomUUID()}`, created: Math.floor(Date.now() / 1000), model };
}

/**
 * OpenAI `usage` from normalised usage.
 *
 * @example
 * toOpenAiUsage({ inputTokens: 25, outputTokens: 10, cachedInputTokens: 0, reasoningTokens: 0 });
 * // { prompt_tokens: 25, completion_tokens: 10, total_tokens: 35, prompt_tokens_details: { cached_tokens: 0 } }
 */
export function toOpenAiUsage(usage: NormalizedUsage): Usage {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens },
  };
}

/**
 * A `chat.completion` with one assistant message.
 *
 * @example
 * toChatCompletion(identity, 'Hello!', 'stop', usage);
 */
export function toChatCompletion(
  identity: CompletionIdentity,
  text: string,
  finishReason: FinishReason,
  usage: NormalizedUsage,
): ChatCompletion {
  return {
    ...identity,
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: finishReason }],
    usage: toOpenAiUsage(usage),
  };
}

/**
 * A `chat.completion.chunk` with one choice: the opening chunk carries `role`, content chunks
 * `content`, the last chunk an empty delta and the finish reason.
 *
 * @example
 * toChunk(identity, { content: 'Hello' });
 * toChunk(identity, {}, 'stop');
 */
export function toChunk(
  identity: CompletionIdentity,
  delta: { readonly role?: 'assistant'; readonly content?: string },
  finishReason: FinishReason | null = null,
): ChatCompletionChunk {
  return {
    ...identity,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}
