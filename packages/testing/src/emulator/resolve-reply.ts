import { minimalInstance } from '../json-schema/minimal-instance.js';
import { violatingInstance } from '../json-schema/violating-instance.js';
import { estimateTokens } from './estimate-tokens.js';
import type { Fault } from './fault.js';
import type { Responder, ResponderInput, ResponderReply } from './responder.js';

/** A tool call in the reply, arguments as a value and as JSON text. */
export type ReplyToolCall = {
  readonly index: number;
  readonly name: string;
  readonly arguments: unknown;
  readonly argumentsJson: string;
};

/** How usage is to be reported. */
export type UsageReport =
  | { readonly type: 'normal'; readonly inputTokens: number; readonly outputTokens: number }
  | { readonly type: 'missing' }
  | { readonly type: 'wrong'; readonly usage: Readonly<Record<string, unknown>> | undefined };

/** The reply to send, in a backend-neutral form. */
export type Reply = {
  readonly text: string;
  /** The text as it is streamed (pieces join to `text`). */
  readonly pieces: readonly string[];
  readonly toolCalls: readonly ReplyToolCall[];
  readonly finishReason: 'stop' | 'length' | 'tool_calls';
  readonly usage: UsageReport;
  /** Normal token counts even when the report is faulty (for metrics). */
  readonly inputTokens: number;
  readonly outputTokens: number;
};

/**
 * Turns the responder's answer (or the default) into the reply to send, applying the output
 * limit and the content faults (`invalid-structured-output`, `wrong-usage`, `missing-usage`).
 *
 * @example
 * const reply = await resolveReply(input, { responder, replyText: 'Hi', promptTokens: 12 });
 */
export async function resolveReply(
  input: ResponderInput,
  options: {
    readonly responder: Responder | undefined;
    readonly replyText: string;
    readonly promptTokens: number;
    readonly fault?: Fault | undefined;
  },
): Promise<Reply> {
  const scripted = (await options.responder?.(input)) ?? defaultReply(input, options.replyText);
  const invalid = options.fault?.type === 'invalid-structured-output';
  const toolCalls = (scripted.toolCalls ?? []).map((call, index) => toolCallOf(input, call, index, invalid));
  let text = contentOf(input, scripted, invalid);
  let finishReason: Reply['finishReason'] =
    toolCalls.length > 0 ? 'tool_calls' : (scripted.finishReason ?? 'stop');
  if (toolCalls.length === 0 && input.maxTokens !== undefined && estimateTokens(text) > input.maxTokens) {
    text = text.slice(0, Math.max(0, input.maxTokens) * 4);
    finishReason = 'length';
  }
  const inputTokens = scripted.usage?.inputTokens ?? options.promptTokens;
  const outputTokens =
    scripted.usage?.outputTokens ??
    estimateTokens(text + toolCalls.map((call) => call.name + call.argumentsJson).join(''));
  return {
    text,
    pieces: splitIntoPieces(text, input.json),
    toolCalls,
    finishReason,
    usage: usageReport(options.fault, inputTokens, outputTokens),
    inputTokens,
    outputTokens,
  };
}

/**
 * Splits reply text the way the emulators stream it: words with their leading space for prose,
 * 8-character slices for JSON.
 *
 * @example
 * splitIntoPieces('Hello from vllm.', false) // ['Hello', ' from', ' vllm.']
 */
export function splitIntoPieces(text: string, json: boolean): string[] {
  if (text === '') return [];
  if (json) return text.match(/[\s\S]{1,8}/g) ?? [];
  const pieces = text.match(/\s*\S+/g) ?? [text];
  const joined = pieces.join('');
  if (joined.length < text.length) pieces.push(text.slice(joined.length));
  return pieces;
}

function defaultReply(input: ResponderInput, replyText: string): ResponderReply {
  const choice = input.toolChoice;
  if (input.tools.length > 0 && choice !== undefined && choice !== 'auto' && choice !== 'none') {
    const name = choice === 'required' ? input.tools[0]?.name : choice.name;
    if (name !== undefined) return { toolCalls: [{ name }] };
  }
  if (input.schema !== undefined) return { json: minimalInstance(input.schema) };
  if (input.json) return { json: {} };
  return { text: replyText };
}

function contentOf(input: ResponderInput, scripted: ResponderReply, invalid: boolean): string {
  if (invalid && input.json) {
    const wrong = input.schema === undefined ? undefined : violatingInstance(input.schema);
    return wrong === undefined ? 'Sure! Here is the JSON you asked for: {"answer": ' : JSON.stringify(wrong);
  }
  if (scripted.json !== undefined) return JSON.stringify(scripted.json);
  return scripted.text ?? '';
}

function toolCallOf(
  input: ResponderInput,
  call: { readonly name: string; readonly arguments?: unknown },
  index: number,
  invalid: boolean,
): ReplyToolCall {
  const tool = input.tools.find((candidate) => candidate.name === call.name);
  if (tool === undefined) {
    const offered = input.tools.map((candidate) => candidate.name).join(', ') || 'none';
    throw new Error(`responder asked for a call to tool '${call.name}', but the request offered: ${offered}`);
  }
  const schema = tool.parameters ?? { type: 'object' };
  let value = call.arguments ?? minimalInstance(schema);
  if (invalid) value = violatingInstance(schema) ?? 'not an object';
  return { index, name: call.name, arguments: value, argumentsJson: JSON.stringify(value) };
}

function usageReport(fault: Fault | undefined, inputTokens: number, outputTokens: number): UsageReport {
  if (fault?.type === 'missing-usage') return { type: 'missing' };
  if (fault?.type === 'wrong-usage') return { type: 'wrong', usage: fault.usage };
  return { type: 'normal', inputTokens, outputTokens };
}
