import { BackendCallError, type ChatMessage } from '@switchyard/core';
import type { OllamaMessage, OllamaToolCall } from './ollama-wire.js';
import { parseDataUrl } from './parse-data-url.js';

/** Context of {@link toOllamaMessages}. */
export type MessageConversionContext = {
  /** Backend id for errors. */
  readonly backend: string;
  /** Receives a line for each change the conversion had to make. */
  readonly warnings: string[];
};

type UserPart = Exclude<Extract<ChatMessage, { role: 'user' }>['content'], string>[number];

/**
 * Converts OpenAI chat messages to Ollama's native form: content is always a plain string (text
 * parts joined with newlines), images become `images: [base64]` (data URLs only: Ollama cannot
 * fetch a remote URL), assistant `tool_calls` carry `arguments` as an object (the JSON string is
 * parsed), and tool results become `role: 'tool'` with the `tool_name` of the assistant call they
 * answer. Throws `BackendCallError` before any request is sent: `unsupported` for input Ollama
 * cannot take (remote image URLs, audio, files), `invalid-request` for malformed input (arguments
 * that are not a JSON object, a data URL that is not a base64 image). Each message names its index.
 *
 * @example
 * toOllamaMessages([{ role: 'user', content: 'Hi' }], { backend: 'ollama', warnings: [] });
 * // → [{ role: 'user', content: 'Hi' }]
 */
export function toOllamaMessages(
  messages: readonly ChatMessage[],
  context: MessageConversionContext,
): OllamaMessage[] {
  const toolNames = new Map<string, string>();
  return messages.map((message, index) => toOllamaMessage(message, `messages[${index}]`, toolNames, context));
}

function toOllamaMessage(
  message: ChatMessage,
  where: string,
  toolNames: Map<string, string>,
  context: MessageConversionContext,
): OllamaMessage {
  switch (message.role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: joinText(message.content) };
    case 'user':
      return userMessage(message.content, where, context);
    case 'assistant': {
      const toolCalls = (message.tool_calls ?? []).map((call, position) => {
        toolNames.set(call.id, call.function.name);
        return {
          id: call.id,
          function: {
            index: position,
            name: call.function.name,
            arguments: parseArguments(call.function.arguments, `${where}.tool_calls[${position}]`, context),
          },
        } satisfies OllamaToolCall;
      });
      return {
        role: 'assistant',
        content: joinText(message.content ?? ''),
        ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
      };
    }
    case 'tool': {
      const toolName = toolNames.get(message.tool_call_id);
      if (toolName === undefined) {
        context.warnings.push(
          `${where}: no earlier assistant tool call has id '${message.tool_call_id}'; sent without tool_name`,
        );
      }
      return {
        role: 'tool',
        content: joinText(message.content),
        tool_call_id: message.tool_call_id,
        ...(toolName === undefined ? {} : { tool_name: toolName }),
      };
    }
  }
}

function userMessage(
  content: string | readonly UserPart[],
  where: string,
  context: MessageConversionContext,
): OllamaMessage {
  if (typeof content === 'string') return { role: 'user', content };
  const texts: string[] = [];
  const images: string[] = [];
  content.forEach((part, position) => {
    const partWhere = `${where}.content[${position}]`;
    switch (part.type) {
      case 'text':
        texts.push(part.text);
        return;
      case 'image_url':
        images.push(imageData(part.image_url.url, partWhere, context));
        return;
      case 'input_audio':
      case 'file':
        throw requestError(
          context,
          'unsupported',
          `${partWhere}: Ollama's chat API takes no ${part.type === 'file' ? 'file' : 'audio'} input`,
        );
    }
  });
  return { role: 'user', content: texts.join('\n'), ...(images.length > 0 ? { images } : {}) };
}

function imageData(url: string, where: string, context: MessageConversionContext): string {
  if (/^https?:/i.test(url)) {
    throw requestError(
      context,
      'unsupported',
      `${where}: Ollama accepts images only as base64 data URLs (data:image/png;base64,…), not a remote URL`,
    );
  }
  const parsed = parseDataUrl(url);
  if (
    parsed === undefined ||
    !parsed.base64 ||
    !parsed.mediaType.startsWith('image/') ||
    parsed.data === ''
  ) {
    throw requestError(context, 'invalid-request', `${where}: image_url must be a base64 image data URL`);
  }
  return parsed.data;
}

function parseArguments(
  text: string,
  where: string,
  context: MessageConversionContext,
): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw requestError(context, 'invalid-request', `${where}.function.arguments is not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw requestError(context, 'invalid-request', `${where}.function.arguments must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

function joinText(content: string | readonly ({ text: string } | { refusal: string })[]): string {
  if (typeof content === 'string') return content;
  return content.map((part) => ('text' in part ? part.text : part.refusal)).join('\n');
}

function requestError(
  context: MessageConversionContext,
  code: 'unsupported' | 'invalid-request',
  message: string,
): BackendCallError {
  return new BackendCallError({ message, code, backend: context.backend, phase: 'connect' });
}
