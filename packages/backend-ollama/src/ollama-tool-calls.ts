import type { FinishReason, ToolCall } from '@switchyard/core';
import type { OllamaToolCall } from './ollama-wire.js';

/**
 * Maps Ollama tool calls to OpenAI's form: `arguments` (an object) serialised to a JSON string,
 * and an id when the server sent none (older versions): `call_<index>`, counted over the whole
 * answer from `firstIndex`, so the same answer always gets the same ids.
 *
 * @example
 * toOpenAIToolCalls([{ function: { name: 'get_weather', arguments: { city: 'Oslo' } } }], 0);
 * // → [{ id: 'call_0', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }]
 */
export function toOpenAIToolCalls(
  calls: readonly Partial<OllamaToolCall>[] | undefined,
  firstIndex: number,
): ToolCall[] {
  return (calls ?? []).map((call, position) => {
    const fn: Partial<OllamaToolCall['function']> = call.function ?? {};
    return {
      id: typeof call.id === 'string' && call.id !== '' ? call.id : `call_${firstIndex + position}`,
      type: 'function',
      function: {
        name: typeof fn.name === 'string' ? fn.name : '',
        arguments: typeof fn.arguments === 'string' ? fn.arguments : JSON.stringify(fn.arguments ?? {}),
      },
    };
  });
}

/**
 * OpenAI's finish reason for Ollama's `done_reason`: `length` → `length`; `stop` becomes
 * `tool_calls` when the answer called tools (as Ollama's own `/v1` layer does); anything else is
 * `stop`.
 *
 * @example
 * ollamaFinishReason('stop', true); // → 'tool_calls'
 */
export function ollamaFinishReason(doneReason: string | undefined, calledTools: boolean): FinishReason {
  if (doneReason === 'length') return 'length';
  return calledTools ? 'tool_calls' : 'stop';
}
