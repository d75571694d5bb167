import { assistantCompletion, openAIUsageOf } from '@switchyard/backend-kit';
import type { ChatCompletion, NormalizedUsage } from '@switchyard/core';
import { ollamaFinishReason, toOpenAIToolCalls } from './ollama-tool-calls.js';
import type { OllamaChatResponse } from './ollama-wire.js';

/**
 * Maps a non-streamed `/api/chat` answer to a `chat.completion`: content, `thinking` →
 * `reasoning`, tool calls with JSON-string arguments, the finish reason, and `usage`.
 *
 * @example
 * ollamaToChatCompletion(await response.json(), { id: 'chatcmpl-1', model: 'llama3.1:8b', usage });
 */
export function ollamaToChatCompletion(
  response: OllamaChatResponse,
  context: { readonly id: string; readonly model: string; readonly usage: NormalizedUsage },
): ChatCompletion {
  const message = response.message ?? {};
  const toolCalls = toOpenAIToolCalls(message.tool_calls, 0);
  return assistantCompletion({
    id: context.id,
    created: createdSeconds(response.created_at),
    model: typeof response.model === 'string' && response.model !== '' ? response.model : context.model,
    content: typeof message.content === 'string' ? message.content : '',
    toolCalls,
    ...(typeof message.thinking === 'string' && message.thinking !== ''
      ? { reasoning: message.thinking }
      : {}),
    finishReason: ollamaFinishReason(response.done_reason, toolCalls.length > 0),
    // Ollama does not report cache hits: no `cached_tokens: 0` claim.
    usage: openAIUsageOf(context.usage, { cachedTokens: false }),
  });
}

/**
 * Unix seconds of Ollama's `created_at` (RFC 3339 with nanoseconds), or now when absent.
 *
 * @example
 * createdSeconds('2026-09-01T10:00:00.123456789Z'); // → 1788256800
 */
export function createdSeconds(createdAt: string | undefined): number {
  const parsed = createdAt === undefined ? Number.NaN : Date.parse(createdAt.replace(/(\.\d{3})\d+/, '$1'));
  return Math.floor((Number.isNaN(parsed) ? Date.now() : parsed) / 1000);
}
