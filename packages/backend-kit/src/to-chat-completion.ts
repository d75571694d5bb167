import { randomUUID } from 'node:crypto';
import type { ChatCompletion, ToolCall } from '@switchyard/core';
import { isRecord } from './is-record.js';
import { mapFinishReason } from './map-finish-reason.js';
import { toOpenAIUsage } from './normalize-usage.js';

type ChoiceOut = ChatCompletion['choices'][number];
type MessageOut = ChoiceOut['message'];

/**
 * Maps a server's `chat.completion` body onto the clean OpenAI shape: only standard fields,
 * `reasoning_content`/`reasoning` → `reasoning`, tool-call `arguments` always a JSON string (TGI
 * before 3.2 sent an object), finish reasons mapped. Returns `undefined` when the body has no
 * `choices` array.
 *
 * @example
 * const completion = toChatCompletion(await response.json(), { model: 'qwen2.5-7b' });
 */
export function toChatCompletion(
  raw: unknown,
  fallback: { readonly model: string },
): ChatCompletion | undefined {
  if (!isRecord(raw) || !Array.isArray(raw.choices)) return undefined;
  const usage = toOpenAIUsage(raw.usage);
  return {
    id: typeof raw.id === 'string' && raw.id !== '' ? raw.id : `chatcmpl-${randomUUID()}`,
    object: 'chat.completion',
    created: typeof raw.created === 'number' ? raw.created : Math.floor(Date.now() / 1000),
    model: typeof raw.model === 'string' && raw.model !== '' ? raw.model : fallback.model,
    choices: raw.choices.filter(isRecord).map(toChoice),
    ...(usage === undefined ? {} : { usage }),
    ...(typeof raw.system_fingerprint === 'string' ? { system_fingerprint: raw.system_fingerprint } : {}),
  };
}

function toChoice(choice: Record<string, unknown>, position: number): ChoiceOut {
  const message = isRecord(choice.message) ? choice.message : {};
  const toolCalls = Array.isArray(message.tool_calls)
    ? message.tool_calls.filter(isRecord).map(toToolCall)
    : [];
  const reasoning = reasoningOf(message);
  const out: MessageOut = {
    role: 'assistant',
    content: contentOf(message.content),
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    ...(typeof message.refusal === 'string' ? { refusal: message.refusal } : {}),
    ...(reasoning === undefined ? {} : { reasoning }),
  };
  // Some servers (TGI, Ollama) end a tool-calling turn with `stop`; clients expect `tool_calls`.
  const mapped = mapFinishReason(choice.finish_reason) ?? 'stop';
  const finishReason = toolCalls.length > 0 && mapped === 'stop' ? 'tool_calls' : mapped;
  return {
    index: typeof choice.index === 'number' ? choice.index : position,
    message: out,
    finish_reason: finishReason,
  };
}

function toToolCall(call: Record<string, unknown>, position: number): ToolCall {
  const fn = isRecord(call.function) ? call.function : {};
  return {
    id: typeof call.id === 'string' && call.id !== '' ? call.id : `call_${position}`,
    type: 'function',
    function: {
      name: typeof fn.name === 'string' ? fn.name : '',
      arguments: argumentsText(fn.arguments),
    },
  };
}

/**
 * Tool-call arguments as OpenAI sends them: a JSON string (objects are serialised).
 *
 * @example
 * argumentsText({ city: 'Paris' }); // → '{"city":"Paris"}'
 */
export function argumentsText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return JSON.stringify(value);
}

/**
 * Reasoning text under any of its names: `reasoning_content` (llama.cpp, old vLLM), `reasoning`.
 *
 * @example
 * reasoningOf({ content: null, reasoning_content: 'Check the tool.' }); // → 'Check the tool.'
 */
export function reasoningOf(record: Record<string, unknown>): string | undefined {
  for (const key of ['reasoning_content', 'reasoning']) {
    const value = record[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

function contentOf(content: unknown): string | null {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : '')).join('');
  }
  return null;
}
