import type {
  BackendCall,
  ChatCompletion,
  ChatCompletionChunk,
  NormalizedUsage,
  ToolCall,
} from '@switchyard/core';
import { estimateTokens } from '../emulator/estimate-tokens.js';
import { splitIntoPieces } from '../emulator/resolve-reply.js';
import type { MockReplyStep } from './mock-step.js';

/** A scripted reply, resolved: text, tool calls, finish reason, usage. */
export type MockReply = {
  readonly text: string;
  readonly toolCalls: readonly ToolCall[];
  readonly finishReason: NonNullable<MockReplyStep['finishReason']>;
  readonly usage: NormalizedUsage;
  readonly json: boolean;
};

/**
 * Resolves a reply step against a call: text (or JSON, or the default text), tool calls with
 * JSON-string arguments, finish reason, usage estimated at one token per four characters.
 *
 * @example
 * mockReply({ type: 'reply', text: 'ok' }, call, 'default')
 */
export function mockReply(step: MockReplyStep, call: BackendCall, replyText: string): MockReply {
  const toolCalls: ToolCall[] = (step.toolCalls ?? []).map((toolCall, position) => ({
    id: toolCall.id ?? `call_mock_${position}`,
    type: 'function',
    function: { name: toolCall.name, arguments: JSON.stringify(toolCall.arguments ?? {}) },
  }));
  const text =
    step.json !== undefined
      ? JSON.stringify(step.json)
      : (step.text ?? (toolCalls.length > 0 ? '' : replyText));
  const promptText = call.request.messages
    .map((message) =>
      typeof message.content === 'string' ? message.content : JSON.stringify(message.content ?? ''),
    )
    .join('');
  const outputText =
    text + toolCalls.map((toolCall) => toolCall.function.name + toolCall.function.arguments).join('');
  return {
    text,
    toolCalls,
    finishReason: step.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
    json: step.json !== undefined,
    usage: {
      inputTokens: estimateTokens(promptText),
      outputTokens: estimateTokens(outputText),
      cachedInputTokens: 0,
      reasoningTokens: 0,
      ...step.usage,
    },
  };
}

/**
 * The `chat.completion` of a mock reply.
 *
 * @example
 * mockCompletion(call, reply, 'mock')
 */
export function mockCompletion(call: BackendCall, reply: MockReply, id: string): ChatCompletion {
  return {
    id: `chatcmpl-${id}`,
    object: 'chat.completion',
    created: 0,
    model: call.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.toolCalls.length > 0 && reply.text === '' ? null : reply.text,
          ...(reply.toolCalls.length > 0 ? { tool_calls: reply.toolCalls } : {}),
        },
        finish_reason: reply.finishReason,
      },
    ],
    usage: {
      prompt_tokens: reply.usage.inputTokens,
      completion_tokens: reply.usage.outputTokens,
      total_tokens: reply.usage.inputTokens + reply.usage.outputTokens,
    },
  };
}

/**
 * The chunks of a mock reply as a stream: role chunk, one per text piece, one per tool call,
 * then the finish chunk.
 *
 * @example
 * mockChunks(call, reply, 'mock')
 */
export function mockChunks(call: BackendCall, reply: MockReply, id: string): ChatCompletionChunk[] {
  const chunk = (
    delta: ChatCompletionChunk['choices'][number]['delta'],
    finishReason: MockReply['finishReason'] | null = null,
  ): ChatCompletionChunk => ({
    id: `chatcmpl-${id}`,
    object: 'chat.completion.chunk',
    created: 0,
    model: call.model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });
  const chunks = [chunk({ role: 'assistant', content: '' })];
  for (const piece of splitIntoPieces(reply.text, reply.json)) chunks.push(chunk({ content: piece }));
  reply.toolCalls.forEach((toolCall, index) => {
    chunks.push(
      chunk({
        tool_calls: [
          {
            index,
            id: toolCall.id,
            type: 'function',
            function: { name: toolCall.function.name, arguments: toolCall.function.arguments },
          },
        ],
      }),
    );
  });
  chunks.push(chunk({}, reply.finishReason));
  return chunks;
}

/**
 * Whether a chunk carries content (text or a tool call), i.e. counts toward a cut.
 *
 * @example
 * isContentChunk(chunk)
 */
export function isContentChunk(chunk: ChatCompletionChunk): boolean {
  const delta = chunk.choices[0]?.delta;
  return delta !== undefined && ((delta.content ?? '') !== '' || (delta.tool_calls?.length ?? 0) > 0);
}
