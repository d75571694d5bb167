import type { Reply } from '../emulator/resolve-reply.js';
import type { StreamFrame } from '../emulator/write-stream.js';
import { anthropicUsage } from './anthropic-usage.js';

/**
 * The SSE frames of a Messages stream: `message_start` (input usage), per block
 * `content_block_start` / `…_delta` / `…_stop` (text deltas, tool input as `input_json_delta`
 * pieces), a `ping`, `message_delta` (stop reason, cumulative output usage), `message_stop`.
 *
 * @example
 * const frames = anthropicStreamFrames(message, reply);
 */
export function anthropicStreamFrames(
  message: {
    readonly id: string;
    readonly model: string;
    readonly stopReason: string;
    readonly toolId: (index: number) => string;
  },
  reply: Reply,
): StreamFrame[] {
  const event = (name: string, data: Readonly<Record<string, unknown>>) =>
    `event: ${name}\ndata: ${JSON.stringify({ type: name, ...data })}\n\n`;
  const startUsage = anthropicUsage(reply.usage, 1);
  const frames: StreamFrame[] = [
    {
      kind: 'meta',
      text: event('message_start', {
        message: {
          id: message.id,
          type: 'message',
          role: 'assistant',
          model: message.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          ...(startUsage === undefined ? {} : { usage: startUsage }),
        },
      }),
    },
  ];
  let index = 0;
  if (reply.text !== '' || reply.toolCalls.length === 0) {
    frames.push({
      kind: 'meta',
      text: event('content_block_start', { index, content_block: { type: 'text', text: '' } }),
    });
    frames.push({ kind: 'meta', text: event('ping', {}) });
    for (const piece of reply.pieces) {
      frames.push({
        kind: 'chunk',
        text: event('content_block_delta', { index, delta: { type: 'text_delta', text: piece } }),
      });
    }
    frames.push({ kind: 'meta', text: event('content_block_stop', { index }) });
    index += 1;
  }
  for (const call of reply.toolCalls) {
    const block = { type: 'tool_use', id: message.toolId(call.index), name: call.name, input: {} };
    frames.push({ kind: 'meta', text: event('content_block_start', { index, content_block: block }) });
    for (const piece of call.argumentsJson.match(/[\s\S]{1,12}/g) ?? []) {
      const delta = { type: 'input_json_delta', partial_json: piece };
      frames.push({ kind: 'chunk', text: event('content_block_delta', { index, delta }) });
    }
    frames.push({ kind: 'meta', text: event('content_block_stop', { index }) });
    index += 1;
  }
  const usage =
    reply.usage.type === 'normal' ? { output_tokens: reply.usage.outputTokens } : anthropicUsage(reply.usage);
  frames.push({
    kind: 'end',
    text: event('message_delta', {
      delta: { stop_reason: message.stopReason, stop_sequence: null },
      ...(usage === undefined ? {} : { usage }),
    }),
  });
  frames.push({ kind: 'end', text: event('message_stop', {}) });
  return frames;
}
