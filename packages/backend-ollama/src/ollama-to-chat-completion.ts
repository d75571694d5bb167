import type { ChatCompletion, NormalizedUsage } from '@switchyard/core';
import { ollamaFinishReason, toOpenAIToolCalls } from './ollama-tool-calls.js';
import { toOpenAIUsageOf } from './ollama-usage.js';
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
  const content = typeof message.content === 'string' ? message.content : '';
  const thinking =
    typeof message.thinking === 'string' && message.thinking !== '' ? message.thinking : undefined;
  return {
    id: context.id,
    object: 'chat.completion',
    created: createdSeconds(response.created_at),
    model: typeof response.model === 'string' && response.model !== '' ? response.model : context.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          // OpenAI's form: no text beside tool calls is `null`, not `''`.
          content: content === '' && toolCalls.length > 0 ? null : content,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          ...(thinking === undefined ? {} : { reasoning: thinking }),
        },
        finish_reason: ollamaFinishReason(response.done_reason, toolCalls.length > 0),
      },
    ],
    usage: toOpenAIUsageOf(context.usage),
  };
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
