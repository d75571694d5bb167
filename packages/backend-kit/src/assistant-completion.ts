import type { ChatCompletion, FinishReason, ToolCall, Usage } from '@switchyard/core';

/** What {@link assistantCompletion} builds a `chat.completion` from. */
export type AssistantAnswer = {
  readonly id: string;
  /** Unix seconds. */
  readonly created: number;
  readonly model: string;
  /** The answer's text; `''` when it only called tools. */
  readonly content: string;
  readonly toolCalls?: readonly ToolCall[];
  /** Thinking text, when the server returned some. */
  readonly reasoning?: string;
  readonly finishReason: FinishReason;
  readonly usage: Usage;
};

/**
 * A one-choice `chat.completion` in OpenAI's exact form, for adapters whose server answers in a
 * shape of its own (Anthropic, Ollama): `content` is `null` (not `''`) when the answer is only
 * tool calls, and `tool_calls` / `reasoning` are present only when there are some.
 *
 * @example
 * assistantCompletion({ id: 'msg_1', created: 1788256800, model: 'claude-sonnet-5', content: 'Hi!', finishReason: 'stop', usage });
 * // → { id: 'msg_1', object: 'chat.completion', …, choices: [{ index: 0, message: { role: 'assistant', content: 'Hi!' }, finish_reason: 'stop' }], usage }
 */
export function assistantCompletion(answer: AssistantAnswer): ChatCompletion {
  const toolCalls = answer.toolCalls ?? [];
  return {
    id: answer.id,
    object: 'chat.completion',
    created: answer.created,
    model: answer.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: answer.content === '' && toolCalls.length > 0 ? null : answer.content,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          ...(answer.reasoning === undefined ? {} : { reasoning: answer.reasoning }),
        },
        finish_reason: answer.finishReason,
      },
    ],
    usage: answer.usage,
  };
}
