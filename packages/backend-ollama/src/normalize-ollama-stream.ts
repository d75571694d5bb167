import {
  type CallTimer,
  type ErrorContext,
  isRecord,
  NdjsonLineError,
  parseNdjson,
  streamFailure,
  toBackendCallError,
} from '@switchyard/backend-kit';
import type { ChatCompletionChunk, StreamPart } from '@switchyard/core';
import { createdSeconds } from './ollama-to-chat-completion.js';
import { ollamaFinishReason, toOpenAIToolCalls } from './ollama-tool-calls.js';
import { ollamaTiming, ollamaUsage } from './ollama-usage.js';
import type { OllamaChatResponse } from './ollama-wire.js';

/** Settings of {@link normalizeOllamaStream}. */
export type OllamaStreamOptions = {
  readonly errorContext: ErrorContext;
  /** Started when the request was sent; marks the first token and finishes the timing. */
  readonly timer: CallTimer;
  /** The chunk id of the whole stream. */
  readonly id: string;
  /** Model name for lines that omit it. */
  readonly model: string;
};

type Delta = ChatCompletionChunk['choices'][number]['delta'];

/**
 * Turns the bytes of Ollama's NDJSON chat stream into Switchyard stream parts: one `chat.completion.chunk` per
 * line with output (the first carries `role`), tool calls (which Ollama sends complete, in one
 * line) as `tool_calls` deltas with a running `index` and their arguments in one piece, `thinking`
 * as `reasoning`; then, at the `done:true` line, a finish chunk and the `finish` part with usage
 * and nanosecond timings converted. Throws `BackendCallError` (phase `stream`) for an
 * `{"error":…}` line after the 200, for a complete line that is not JSON (`invalid-output`), and
 * for a stream that ends without `done:true` (`network`, retryable, also when the connection was
 * cut mid-line).
 *
 * @example
 * const parts = normalizeOllamaStream(opened.chunks, { errorContext, timer, id: 'chatcmpl-1', model: 'llama3.1:8b' });
 */
export async function* normalizeOllamaStream(
  chunks: AsyncIterable<Uint8Array>,
  options: OllamaStreamOptions,
): AsyncGenerator<StreamPart, void, undefined> {
  const { errorContext, timer } = options;
  let created: number | undefined;
  let model = options.model;
  let sentRole = false;
  let toolCallCount = 0;
  let lineCount = 0;
  const chunk = (delta: Delta, finishReason: ChatCompletionChunk['choices'][number]['finish_reason']) => {
    const withRole: Delta = sentRole ? delta : { role: 'assistant', ...delta };
    sentRole = true;
    return {
      type: 'chunk' as const,
      chunk: {
        id: options.id,
        object: 'chat.completion.chunk' as const,
        created: created ?? Math.floor(Date.now() / 1000),
        model,
        choices: [{ index: 0, delta: withRole, finish_reason: finishReason }],
      },
    };
  };

  for await (const line of ollamaLines(chunks, errorContext)) {
    lineCount += 1;
    if (line.error !== undefined && line.error !== null) {
      throw toBackendCallError({ status: 200, body: line, phase: 'stream' }, errorContext);
    }
    created ??= createdSeconds(line.created_at);
    if (typeof line.model === 'string' && line.model !== '') model = line.model;
    const delta = deltaOf(line, toolCallCount);
    toolCallCount += delta.tool_calls?.length ?? 0;
    const hasOutput =
      delta.content !== undefined || delta.reasoning !== undefined || delta.tool_calls !== undefined;
    if (hasOutput) timer.markFirstToken();
    if (hasOutput || (!sentRole && line.done !== true)) yield chunk(delta, null);
    if (line.done === true) {
      const finishReason = ollamaFinishReason(line.done_reason, toolCallCount > 0);
      yield chunk({}, finishReason);
      const usage = ollamaUsage(line);
      yield {
        type: 'finish',
        finishReason,
        usage,
        timing: timer.finish({ outputTokens: usage.outputTokens, reported: ollamaTiming(line) }),
      };
      return;
    }
  }
  throw streamFailure(
    errorContext,
    'network',
    `the Ollama stream ended without its done:true line (after ${lineCount} lines)`,
  );
}

/**
 * The stream's JSON objects. A last line cut before its line break is a dropped connection
 * (`network`, retryable); a complete line that is not JSON is bad output (`invalid-output`).
 */
async function* ollamaLines(
  chunks: AsyncIterable<Uint8Array>,
  errorContext: ErrorContext,
): AsyncGenerator<OllamaChatResponse, void, undefined> {
  try {
    for await (const value of parseNdjson(chunks)) if (isRecord(value)) yield value as OllamaChatResponse;
  } catch (error) {
    if (!NdjsonLineError.isInstance(error)) throw error;
    throw error.failure === 'cut'
      ? streamFailure(
          errorContext,
          'network',
          `the Ollama stream ended without its done:true line (cut mid-line at line ${error.lineNumber})`,
          error,
        )
      : streamFailure(
          errorContext,
          'invalid-output',
          `Ollama sent an invalid stream: line ${error.lineNumber} is not valid JSON`,
          error,
        );
  }
}

function deltaOf(line: OllamaChatResponse, firstToolIndex: number): Delta {
  const message = line.message ?? {};
  const toolCalls = toOpenAIToolCalls(message.tool_calls, firstToolIndex).map((call, position) => ({
    index: firstToolIndex + position,
    ...call,
  }));
  return {
    ...(typeof message.content === 'string' && message.content !== '' ? { content: message.content } : {}),
    ...(typeof message.thinking === 'string' && message.thinking !== ''
      ? { reasoning: message.thinking }
      : {}),
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  };
}
