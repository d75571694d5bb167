import type { ChatMessage, ChatRequest } from '@switchyard/core';

/** Characters read from the start of the last user message. */
export const LAST_MESSAGE_HEAD_CHARS = 3000;
/** Characters read from the end of a longer last user message (instructions often come last). */
export const LAST_MESSAGE_TAIL_CHARS = 1000;
/** Characters read from the start of each earlier user message. */
export const EARLIER_MESSAGE_HEAD_CHARS = 1000;
/** Earlier user messages read (the most recent ones). */
export const EARLIER_MESSAGES_READ = 3;

/** A stretch of user text the scorer reads; n-grams never span two segments. */
export type TextSegment = {
  readonly text: string;
  readonly start: number;
  readonly end: number;
};

function textOf(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  let text = '';
  for (const part of content) {
    if (part.type === 'text') text = text === '' ? part.text : `${text}\n${part.text}`;
  }
  return text;
}

/**
 * The bounded windows of user text the difficulty scorer reads: the head (and, when longer, the
 * tail) of the last user message, and the head of up to {@link EARLIER_MESSAGES_READ} earlier
 * user messages. System prompts, assistant turns and tool output are not read: they describe the
 * deployment more than the task. Bounded windows keep a decision in microseconds whatever the
 * prompt size.
 *
 * @example
 * const segments = scorerTexts({ model: 'auto', messages: [{ role: 'user', content: 'Prove it.' }] });
 * segments[0]; // { text: 'Prove it.', start: 0, end: 9 }
 */
export function scorerTexts(request: ChatRequest): TextSegment[] {
  const segments: TextSegment[] = [];
  const messages = request.messages;
  let earlier = 0;
  let seenLast = false;
  for (let index = messages.length - 1; index >= 0 && earlier < EARLIER_MESSAGES_READ; index--) {
    const message = messages[index] as ChatMessage;
    if (message.role !== 'user') continue;
    const text = textOf(message.content);
    if (!seenLast) {
      seenLast = true;
      if (text.length <= LAST_MESSAGE_HEAD_CHARS + LAST_MESSAGE_TAIL_CHARS) {
        segments.push({ text, start: 0, end: text.length });
      } else {
        segments.push({ text, start: 0, end: LAST_MESSAGE_HEAD_CHARS });
        segments.push({ text, start: text.length - LAST_MESSAGE_TAIL_CHARS, end: text.length });
      }
      continue;
    }
    earlier++;
    segments.push({ text, start: 0, end: Math.min(text.length, EARLIER_MESSAGE_HEAD_CHARS) });
  }
  return segments;
}
