import type { FinishReason } from '@switchyard/core';

const finishReasons: Readonly<Record<string, FinishReason>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  pause_turn: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

/**
 * OpenAI's finish reason for Anthropic's `stop_reason`: `end_turn`/`stop_sequence` → `stop`,
 * `max_tokens`/`model_context_window_exceeded` → `length`, `tool_use` → `tool_calls` (but `stop`
 * when the only tool called was the structured-output tool, whose input is the answer), `refusal`
 * → `content_filter`. Unknown or absent reasons are `stop`.
 *
 * @example
 * anthropicFinishReason('tool_use', { answeredWithOutputTool: false }); // → 'tool_calls'
 */
export function anthropicFinishReason(
  stopReason: string | null | undefined,
  options: { readonly answeredWithOutputTool: boolean },
): FinishReason {
  const reason = typeof stopReason === 'string' ? (finishReasons[stopReason] ?? 'stop') : 'stop';
  return reason === 'tool_calls' && options.answeredWithOutputTool ? 'stop' : reason;
}
