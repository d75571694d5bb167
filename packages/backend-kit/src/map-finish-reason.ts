import type { FinishReason } from '@switchyard/core';

const aliases: Record<string, FinishReason> = {
  stop: 'stop',
  eos_token: 'stop',
  eos: 'stop',
  stop_sequence: 'stop',
  end_turn: 'stop',
  length: 'length',
  max_tokens: 'length',
  model_length: 'length',
  tool_calls: 'tool_calls',
  function_call: 'tool_calls',
  tool_use: 'tool_calls',
  content_filter: 'content_filter',
  refusal: 'content_filter',
};

/**
 * Maps a server's finish reason onto OpenAI's four (`stop | length | tool_calls |
 * content_filter`): TGI `eos_token`, Anthropic-style `end_turn`/`max_tokens`/`tool_use`, legacy
 * `function_call`. `null`/absent stays `null`; an unknown word counts as `stop`.
 *
 * @example
 * mapFinishReason('eos_token'); // → 'stop'
 */
export function mapFinishReason(value: unknown): FinishReason | null {
  if (typeof value !== 'string' || value === '') return null;
  return aliases[value] ?? 'stop';
}
