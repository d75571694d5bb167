import type { ChatMessage, ChatRequest } from '@switchyard/core';
import { getEncoding, type Tiktoken } from 'js-tiktoken';

let encoder: Tiktoken | undefined;
const counts = new Map<string, number>();

/**
 * Exact OpenAI cl100k token count of a text (memoised: the workload counts the same prompts many
 * times while it assembles long contexts).
 *
 * @example
 * countTokens('Hello, world!'); // 4
 */
export function countTokens(text: string): number {
  const known = counts.get(text);
  if (known !== undefined) return known;
  encoder ??= getEncoding('cl100k_base');
  const count = encoder.encode(text, [], []).length;
  counts.set(text, count);
  return count;
}

/** Tokens OpenAI's chat format adds per message (role and separators). */
const messageOverheadTokens = 4;

/**
 * cl100k tokens of a message's text (string content and text parts, tool calls' names and
 * arguments), plus the per-message overhead. Images count as zero here.
 *
 * @example
 * countMessageTokens({ role: 'user', content: 'Hello, world!' }); // 8
 */
export function countMessageTokens(message: ChatMessage): number {
  let total = messageOverheadTokens;
  const content = message.content;
  if (typeof content === 'string') total += countTokens(content);
  else if (Array.isArray(content)) {
    for (const part of content) {
      if (part.type === 'text') total += countTokens(part.text);
      else if (part.type === 'refusal') total += countTokens(part.refusal);
    }
  }
  if (message.role === 'assistant') {
    for (const call of message.tool_calls ?? []) {
      total += countTokens(call.function.name) + countTokens(call.function.arguments);
    }
  }
  return total;
}

/** Token counts of a request's parts. */
export type RequestTokenCount = {
  /** Messages only. */
  readonly messages: number;
  /** Tool definitions, counted as their JSON. */
  readonly tools: number;
  /** The `response_format` JSON Schema, counted as its JSON. */
  readonly schema: number;
  readonly total: number;
};

/**
 * cl100k tokens of a whole request: messages, tool definitions and response schema. A close
 * approximation of what the OpenAI API bills (it renders tools in its own format).
 *
 * @example
 * countRequestTokens(request).total; // 4_812
 */
export function countRequestTokens(request: ChatRequest): RequestTokenCount {
  let messages = 0;
  for (const message of request.messages) messages += countMessageTokens(message);
  const tools = request.tools?.length ? countTokens(JSON.stringify(request.tools)) : 0;
  const format = request.response_format;
  const schema =
    format?.type === 'json_schema' && format.json_schema.schema
      ? countTokens(JSON.stringify(format.json_schema.schema))
      : 0;
  return { messages, tools, schema, total: messages + tools + schema };
}
