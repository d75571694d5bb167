import type { ChatCompletionChunk, ToolCallDelta } from '@switchyard/core';
import { isRecord } from './is-record.js';
import { mapFinishReason } from './map-finish-reason.js';
import { argumentsText, reasoningOf } from './to-chat-completion.js';

type ChoiceOut = ChatCompletionChunk['choices'][number];
type DeltaOut = ChoiceOut['delta'];

/** Values a chunk falls back to when the server omits them (kept stable for a whole stream). */
export type ChunkDefaults = { readonly id: string; readonly created: number; readonly model: string };

/**
 * Maps one streamed `chat.completion.chunk` onto the clean OpenAI shape: standard fields only
 * (no `usage`, `timings` or provider extras — usage goes to the stream's finish part),
 * `reasoning_content` → `reasoning`, tool-call fragments passed through by `index`.
 *
 * @example
 * const chunk = toChatCompletionChunk(JSON.parse(event.data), { id: 'chatcmpl-1', created: 0, model: 'm' });
 */
export function toChatCompletionChunk(
  raw: Record<string, unknown>,
  defaults: ChunkDefaults,
): ChatCompletionChunk {
  const choices = Array.isArray(raw.choices) ? raw.choices.filter(isRecord) : [];
  return {
    id: typeof raw.id === 'string' && raw.id !== '' ? raw.id : defaults.id,
    object: 'chat.completion.chunk',
    created: typeof raw.created === 'number' ? raw.created : defaults.created,
    model: typeof raw.model === 'string' && raw.model !== '' ? raw.model : defaults.model,
    choices: choices.map(toChoice),
  };
}

function toChoice(choice: Record<string, unknown>, position: number): ChoiceOut {
  const delta = isRecord(choice.delta) ? choice.delta : {};
  const toolCalls = Array.isArray(delta.tool_calls)
    ? delta.tool_calls.filter(isRecord).map(toToolCallDelta)
    : [];
  const reasoning = reasoningOf(delta);
  const out: DeltaOut = {
    ...(delta.role === 'assistant' ? { role: 'assistant' as const } : {}),
    ...(typeof delta.content === 'string' || delta.content === null ? { content: delta.content } : {}),
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    ...(reasoning === undefined ? {} : { reasoning }),
    ...(typeof delta.refusal === 'string' ? { refusal: delta.refusal } : {}),
  };
  return {
    index: typeof choice.index === 'number' ? choice.index : position,
    delta: out,
    finish_reason: mapFinishReason(choice.finish_reason),
  };
}

function toToolCallDelta(call: Record<string, unknown>, position: number): ToolCallDelta {
  const fn = isRecord(call.function) ? call.function : undefined;
  const name = fn !== undefined && typeof fn.name === 'string' ? fn.name : undefined;
  const argumentsPiece =
    fn === undefined || fn.arguments === undefined ? undefined : argumentsText(fn.arguments);
  return {
    index: typeof call.index === 'number' ? call.index : position,
    ...(typeof call.id === 'string' && call.id !== '' ? { id: call.id } : {}),
    ...(call.type === 'function' ? { type: 'function' as const } : {}),
    ...(fn === undefined
      ? {}
      : {
          function: {
            ...(name === undefined ? {} : { name }),
            ...(argumentsPiece === undefined ? {} : { arguments: argumentsPiece }),
          },
        }),
  };
}

/**
 * Whether a chunk carries output (text, reasoning or a tool call) — what time-to-first-token waits for.
 *
 * @example
 * if (hasOutput(chunk)) timer.markFirstToken();
 */
export function hasOutput(chunk: ChatCompletionChunk): boolean {
  return chunk.choices.some(
    (choice) =>
      (typeof choice.delta.content === 'string' && choice.delta.content !== '') ||
      (choice.delta.reasoning !== undefined && choice.delta.reasoning !== '') ||
      (choice.delta.tool_calls !== undefined && choice.delta.tool_calls.length > 0),
  );
}
