import type { ChatMessage } from '@switchyard/core';
import type { ChatHistoryItem } from 'node-llama-cpp';
import { EmbeddedRequestError } from './embedded-call-error.js';

/**
 * Converts OpenAI chat messages into node-llama-cpp's chat history, ending with the model turn to
 * generate. When the last message is from the assistant, that turn is continued (prefill) and
 * only the continuation is returned. Text parts of one message are joined with newlines.
 * Images, audio, files, tool calls and tool results throw an `EmbeddedRequestError` with code
 * `unsupported`: the embedded backend has no vision and no tool calling.
 *
 * @example
 * toChatHistory([{ role: 'user', content: 'Hi' }]);
 * // [{ type: 'user', text: 'Hi' }, { type: 'model', response: [] }]
 */
export function toChatHistory(messages: readonly ChatMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = messages.map((message, index) => toHistoryItem(message, index));
  if (history.at(-1)?.type !== 'model') history.push({ type: 'model', response: [] });
  return history;
}

function toHistoryItem(message: ChatMessage, index: number): ChatHistoryItem {
  const where = `messages[${index}]`;
  switch (message.role) {
    case 'system':
    case 'developer':
      return { type: 'system', text: joinText(message.content) };
    case 'user': {
      if (typeof message.content === 'string') return { type: 'user', text: message.content };
      const texts = message.content.map((part, partIndex) => {
        if (part.type === 'text') return part.text;
        throw new EmbeddedRequestError(
          'unsupported',
          `${where}.content[${partIndex}] is a '${part.type}' part; the embedded backend accepts text only`,
        );
      });
      return { type: 'user', text: texts.join('\n') };
    }
    case 'assistant': {
      if (message.tool_calls !== undefined && message.tool_calls.length > 0) {
        throw new EmbeddedRequestError(
          'unsupported',
          `${where} has tool_calls; the embedded backend does not support tool calling`,
        );
      }
      const content = message.content ?? '';
      const text =
        typeof content === 'string'
          ? content
          : content.map((part) => (part.type === 'text' ? part.text : part.refusal)).join('\n');
      return { type: 'model', response: text === '' ? [] : [text] };
    }
    case 'tool':
      throw new EmbeddedRequestError(
        'unsupported',
        `${where} is a tool result; the embedded backend does not support tool calling`,
      );
  }
}

function joinText(content: string | readonly { readonly text: string }[]): string {
  return typeof content === 'string' ? content : content.map((part) => part.text).join('\n');
}
