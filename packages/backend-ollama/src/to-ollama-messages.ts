import {
  joinMessageText,
  parseImageDataUrl,
  parseToolArguments,
  requestConversionError,
} from '@switchyard/backend-kit';
import type { ChatMessage } from '@switchyard/core';
import type { OllamaMessage, OllamaToolCall } from './ollama-wire.js';

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
      return { role: 'system', content: joinMessageText(message.content) };
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
            arguments: parseToolArguments(
              call.function.arguments,
              `${where}.tool_calls[${position}]`,
              context,
            ),
          },
        } satisfies OllamaToolCall;
      });
      return {
        role: 'assistant',
        content: joinMessageText(message.content ?? ''),
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
        content: joinMessageText(message.content),
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
        throw requestConversionError(
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
    throw requestConversionError(
      context,
      'unsupported',
      `${where}: Ollama accepts images only as base64 data URLs (data:image/png;base64,…), not a remote URL`,
    );
  }
  const parsed = parseImageDataUrl(url);
  if (parsed === undefined) {
    throw requestConversionError(
      context,
      'invalid-request',
      `${where}: image_url must be a base64 image data URL`,
    );
  }
  return parsed.data;
}
