import {
  joinMessageText,
  parseDataUrl,
  parseImageDataUrl,
  parseToolArguments,
  requestConversionError,
} from '@switchyard/backend-kit';
import type { ChatMessage } from '@switchyard/core';
import type { AnthropicContentBlock, AnthropicMessage } from './anthropic-wire.js';

/** Context of {@link toAnthropicMessages}. */
export type AnthropicMessageContext = {
  /** Backend id for errors. */
  readonly backend: string;
  /** Receives a line for each change the conversion had to make. */
  readonly warnings: string[];
};

/** The converted conversation: the top-level `system` prompt and the `user`/`assistant` turns. */
export type AnthropicConversation = {
  readonly system: string | undefined;
  readonly messages: AnthropicMessage[];
};

type UserPart = Exclude<Extract<ChatMessage, { role: 'user' }>['content'], string>[number];

/**
 * Converts OpenAI chat messages to the Messages API: `system`/`developer` messages are joined into
 * the top-level `system`; image parts become `image` blocks (`base64` source from a data URL,
 * `url` source from an http(s) URL); PDF data URLs become `document` blocks; assistant
 * `tool_calls` become `tool_use` blocks with the parsed arguments as `input`; consecutive `tool`
 * messages become **one** `user` message of `tool_result` blocks. Throws `BackendCallError` before
 * any request: `unsupported` for audio and OpenAI file ids, `invalid-request` for malformed input.
 *
 * @example
 * toAnthropicMessages([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }], { backend: 'anthropic', warnings: [] });
 * // → { system: 'Be brief.', messages: [{ role: 'user', content: 'Hi' }] }
 */
export function toAnthropicMessages(
  messages: readonly ChatMessage[],
  context: AnthropicMessageContext,
): AnthropicConversation {
  const system: string[] = [];
  const out: AnthropicMessage[] = [];
  let toolResults: AnthropicContentBlock[] | undefined;
  messages.forEach((message, index) => {
    const where = `messages[${index}]`;
    if (message.role !== 'tool') toolResults = undefined;
    switch (message.role) {
      case 'system':
      case 'developer':
        if (out.length > 0) {
          context.warnings.push(
            `${where}: a ${message.role} message inside the conversation was moved to the top-level system prompt`,
          );
        }
        system.push(joinMessageText(message.content));
        return;
      case 'user':
        out.push({ role: 'user', content: userContent(message.content, where, context) });
        return;
      case 'assistant': {
        const blocks = assistantBlocks(message, where, context);
        if (blocks.length === 0) {
          context.warnings.push(
            `${where}: an empty assistant message was dropped (Anthropic rejects empty content)`,
          );
          return;
        }
        const only = blocks[0];
        out.push({
          role: 'assistant',
          content: blocks.length === 1 && only?.type === 'text' ? only.text : blocks,
        });
        return;
      }
      case 'tool': {
        const block: AnthropicContentBlock = {
          type: 'tool_result',
          tool_use_id: message.tool_call_id,
          content: joinMessageText(message.content),
        };
        if (toolResults === undefined) {
          toolResults = [block];
          out.push({ role: 'user', content: toolResults });
        } else {
          toolResults.push(block);
        }
        return;
      }
    }
  });
  return { system: system.length > 0 ? system.join('\n\n') : undefined, messages: out };
}

function assistantBlocks(
  message: Extract<ChatMessage, { role: 'assistant' }>,
  where: string,
  context: AnthropicMessageContext,
): AnthropicContentBlock[] {
  const blocks: AnthropicContentBlock[] = [];
  const text = joinMessageText(message.content ?? '');
  if (text.trim() !== '') blocks.push({ type: 'text', text });
  (message.tool_calls ?? []).forEach((call, position) => {
    blocks.push({
      type: 'tool_use',
      id: call.id,
      name: call.function.name,
      input: parseToolArguments(call.function.arguments, `${where}.tool_calls[${position}]`, context),
    });
  });
  return blocks;
}

function userContent(
  content: string | readonly UserPart[],
  where: string,
  context: AnthropicMessageContext,
): string | AnthropicContentBlock[] {
  if (typeof content === 'string') return content;
  return content.map((part, position) => partBlock(part, `${where}.content[${position}]`, context));
}

function partBlock(part: UserPart, where: string, context: AnthropicMessageContext): AnthropicContentBlock {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'image_url':
      return imageBlock(part.image_url.url, where, context);
    case 'file':
      return documentBlock(part.file, where, context);
    case 'input_audio':
      throw requestConversionError(
        context,
        'unsupported',
        `${where}: the Anthropic Messages API takes no audio input`,
      );
  }
}

function imageBlock(url: string, where: string, context: AnthropicMessageContext): AnthropicContentBlock {
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  const parsed = parseImageDataUrl(url);
  if (parsed === undefined) {
    throw requestConversionError(
      context,
      'invalid-request',
      `${where}: image_url must be an http(s) URL or a base64 image data URL`,
    );
  }
  return { type: 'image', source: { type: 'base64', media_type: parsed.mediaType, data: parsed.data } };
}

function documentBlock(
  file: { readonly file_data?: string; readonly file_id?: string },
  where: string,
  context: AnthropicMessageContext,
): AnthropicContentBlock {
  const parsed = file.file_data === undefined ? undefined : parseDataUrl(file.file_data);
  if (parsed === undefined || !parsed.base64 || parsed.mediaType !== 'application/pdf') {
    throw requestConversionError(
      context,
      'unsupported',
      `${where}: only PDF files given as base64 data URLs (file_data) can be sent to Anthropic`,
    );
  }
  return { type: 'document', source: { type: 'base64', media_type: parsed.mediaType, data: parsed.data } };
}
