import { randomUUID } from 'node:crypto';
import type { ChatCompletionChunk, FinishReason, StreamPart } from '@switchyard/core';
import type { CallTimer, ReportedTiming } from './call-timer.js';
import { isRecord } from './is-record.js';
import { timingFromLlamaServer } from './llama-server-timings.js';
import { normalizeOpenAIUsage, zeroUsage } from './normalize-usage.js';
import type { ServerSentEvent } from './parse-server-sent-events.js';
import { streamFailure } from './stream-failure.js';
import { type ErrorContext, toBackendCallError } from './to-backend-call-error.js';
import { hasOutput, toChatCompletionChunk } from './to-chat-completion-chunk.js';

/** Settings of {@link normalizeOpenAIStream}. */
export type OpenAIStreamOptions = {
  readonly errorContext: ErrorContext;
  /** Started when the request was sent; marks the first token and finishes the timing. */
  readonly timer: CallTimer;
  /** Model name for chunks that omit it. */
  readonly model: string;
};

/**
 * Turns the SSE events of an OpenAI-style stream into Switchyard stream parts: the chunks as they
 * come (clean, without usage), then one `finish` part with the finish reason, usage (taken from the
 * `include_usage` chunk, or from whichever chunk carried it) and timing (llama.cpp `timings` when
 * present). It throws a `BackendCallError` with phase `stream` for an error event
 * (`data: {"error":…}` or `event: error`, classified like an HTTP error), for an unparseable
 * event, and for a stream that ends without a finish reason or without `[DONE]`.
 *
 * @example
 * const parts = normalizeOpenAIStream(parseServerSentEvents(chunks), { errorContext, timer, model });
 * for await (const part of parts) if (part.type === 'chunk') process.stdout.write(part.chunk.choices[0]?.delta.content ?? '');
 */
export async function* normalizeOpenAIStream(
  events: AsyncIterable<ServerSentEvent>,
  options: OpenAIStreamOptions,
): AsyncGenerator<StreamPart, void, undefined> {
  const defaults = {
    id: `chatcmpl-${randomUUID()}`,
    created: Math.floor(Date.now() / 1000),
    model: options.model,
  };
  const finishReasons = new Map<number, FinishReason>();
  const toolCallChoices = new Set<number>();
  let rawUsage: unknown;
  let reported: ReportedTiming | undefined;
  let sawDone = false;
  let chunkCount = 0;

  for await (const event of events) {
    const data = event.data.trim();
    if (data === '[DONE]') {
      sawDone = true;
      break;
    }
    if (data === '') continue;
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      if (event.event === 'error') {
        throw toBackendCallError({ body: data, phase: 'stream' }, options.errorContext);
      }
      throw streamFailure(
        options.errorContext,
        'invalid-output',
        `event ${chunkCount + 1} of the stream is not valid JSON`,
      );
    }
    if (!isRecord(payload)) continue;
    if (event.event === 'error' || (payload.error !== undefined && payload.error !== null)) {
      throw toBackendCallError({ status: 200, body: payload, phase: 'stream' }, options.errorContext);
    }
    if (payload.usage !== undefined && payload.usage !== null) rawUsage = payload.usage;
    reported = timingFromLlamaServer(payload.timings) ?? reported;
    if (!Array.isArray(payload.choices) || payload.choices.length === 0) continue;
    const chunk = withToolCallFinish(toChatCompletionChunk(payload, defaults), toolCallChoices);
    chunkCount += 1;
    for (const choice of chunk.choices) {
      if (choice.finish_reason !== null) finishReasons.set(choice.index, choice.finish_reason);
    }
    if (hasOutput(chunk)) options.timer.markFirstToken();
    yield { type: 'chunk', chunk };
  }

  if (finishReasons.size === 0) {
    throw streamFailure(
      options.errorContext,
      'network',
      `the stream ended before a finish_reason (after ${chunkCount} chunks${sawDone ? ', at [DONE]' : ''})`,
    );
  }
  if (!sawDone) {
    throw streamFailure(
      options.errorContext,
      'network',
      `the stream ended without [DONE] (after ${chunkCount} chunks)`,
    );
  }
  const usage = normalizeOpenAIUsage(rawUsage) ?? zeroUsage;
  const finishReason = finishReasons.get(0) ?? (finishReasons.values().next().value as FinishReason);
  yield {
    type: 'finish',
    finishReason,
    usage,
    timing: options.timer.finish({ outputTokens: usage.outputTokens, reported }),
  };
}

/**
 * Some servers (TGI, Ollama) end a tool-calling turn with `stop`; clients expect `tool_calls`.
 * Remembers which choices streamed tool calls and rewrites their `stop`.
 */
function withToolCallFinish(chunk: ChatCompletionChunk, toolCallChoices: Set<number>): ChatCompletionChunk {
  let rewritten = false;
  const choices = chunk.choices.map((choice) => {
    if ((choice.delta.tool_calls?.length ?? 0) > 0) toolCallChoices.add(choice.index);
    if (choice.finish_reason !== 'stop' || !toolCallChoices.has(choice.index)) return choice;
    rewritten = true;
    return { ...choice, finish_reason: 'tool_calls' as const };
  });
  return rewritten ? { ...chunk, choices } : chunk;
}
