import { randomUUID } from 'node:crypto';
import { assistantCompletion, openAIUsageOf } from '@switchyard/backend-kit';
import type { ChatCompletion, NormalizedUsage, ToolCall } from '@switchyard/core';
import { anthropicFinishReason } from './anthropic-finish-reason.js';
import type { AnthropicMessageResponse } from './anthropic-wire.js';

/** Context of {@link anthropicToChatCompletion}. */
export type AnthropicCompletionContext = {
  /** Model name when the answer has none. */
  readonly model: string;
  readonly usage: NormalizedUsage;
  /** The forced structured-output tool, whose `input` becomes the JSON content. */
  readonly outputTool?: string;
};

/**
 * Maps a Messages API answer to a `chat.completion`: text blocks joined as the content,
 * `tool_use` blocks as tool calls with JSON-string arguments (or, for the structured-output tool,
 * its input as the JSON content), `thinking` blocks as `reasoning`, `stop_reason` mapped, usage
 * with cached input counted in `prompt_tokens`.
 *
 * @example
 * anthropicToChatCompletion(await response.json(), { model: 'claude-sonnet-5', usage });
 */
export function anthropicToChatCompletion(
  response: AnthropicMessageResponse,
  context: AnthropicCompletionContext,
): ChatCompletion {
  const blocks = Array.isArray(response.content) ? response.content : [];
  const texts: string[] = [];
  const thinking: string[] = [];
  const toolCalls: ToolCall[] = [];
  let outputJson: string | undefined;
  for (const block of blocks) {
    if (block.type === 'text' && typeof block.text === 'string') texts.push(block.text);
    else if (block.type === 'thinking' && typeof block.thinking === 'string') thinking.push(block.thinking);
    else if (block.type === 'tool_use') {
      const name = typeof block.name === 'string' ? block.name : '';
      const input = JSON.stringify(block.input ?? {});
      if (context.outputTool !== undefined && name === context.outputTool) outputJson = input;
      else {
        const id = typeof block.id === 'string' && block.id !== '' ? block.id : `call_${toolCalls.length}`;
        toolCalls.push({ id, type: 'function', function: { name, arguments: input } });
      }
    }
  }
  return assistantCompletion({
    id: typeof response.id === 'string' && response.id !== '' ? response.id : `chatcmpl-${randomUUID()}`,
    created: Math.floor(Date.now() / 1000),
    model: typeof response.model === 'string' && response.model !== '' ? response.model : context.model,
    content: outputJson ?? texts.join(''),
    toolCalls,
    ...(thinking.length > 0 ? { reasoning: thinking.join('') } : {}),
    finishReason: anthropicFinishReason(response.stop_reason, {
      answeredWithOutputTool: outputJson !== undefined && toolCalls.length === 0,
    }),
    usage: openAIUsageOf(context.usage),
  });
}
