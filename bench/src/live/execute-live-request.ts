import {
  BackendCallError,
  type ChatCompletion,
  type ChatCompletionChunk,
  type FinishReason,
  NoRouteError,
  type RequestEndEvent,
} from '@switchyard/core';
import type { LiveAnswer } from './answer-agreement.js';
import { checkStructuredAnswer } from './check-structured-answer.js';
import type { LiveRequestRecord } from './live-request-record.js';
import type { LiveItem, LiveLane } from './select-live-requests.js';

/** Settings of {@link executeLiveRequest}. */
export type LiveExecution = {
  /** Aborts the request when the run's deadline passes (the record says `cut`). */
  readonly signal: AbortSignal;
  /** The `request-end` event of a request id, once the router emitted it (then forgotten). */
  readonly takeRequestEnd: (requestId: string) => RequestEndEvent | undefined;
  /** Clock for the caller-side timings, in ms (default `performance.now`). */
  readonly now?: () => number;
};

/**
 * Sends one workload request through a lane's router as an application would — `router.stream`
 * when the request sets `stream: true` (reading every chunk, timing the first content chunk),
 * else `router.generate` — and records what happened: outcome, latency, the executor's attempts,
 * fallbacks and retries (from its `request-end` event), usage, the answer, and for JSON requests
 * whether the answer is valid for the request's schema. Never throws for a failed request.
 *
 * @example
 * const record = await executeLiveRequest(lane, item, { signal, takeRequestEnd });
 * record.outcome; // 'ok'
 */
export async function executeLiveRequest(
  lane: LiveLane,
  item: LiveItem,
  execution: LiveExecution,
): Promise<LiveRequestRecord> {
  const now = execution.now ?? (() => performance.now());
  const requestId = `live-${lane.name}-${item.index}`;
  const stream = item.request.stream === true;
  const startedAt = now();
  let ttftMs: number | undefined;
  let answer: LiveAnswer | undefined;
  let finishReason: FinishReason | undefined;
  let failure: unknown;
  try {
    if (stream) {
      const routed = lane.router.stream(item.request, { requestId, signal: execution.signal });
      const text: string[] = [];
      const calls = new Map<number, { name: string; arguments: string }>();
      for await (const chunk of routed) {
        if (ttftMs === undefined && carriesContent(chunk)) ttftMs = now() - startedAt;
        collectChunk(chunk, text, calls);
      }
      finishReason = (await routed.result).finishReason;
      answer = {
        text: text.join(''),
        toolCalls: [...calls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call),
      };
    } else {
      const { completion } = await lane.router.generate(item.request, {
        requestId,
        signal: execution.signal,
      });
      answer = answerOf(completion);
      finishReason = completion.choices[0]?.finish_reason;
    }
  } catch (error) {
    failure = error;
  }
  const latencyMs = now() - startedAt;
  const end = execution.takeRequestEnd(requestId);
  const base = {
    index: item.index,
    kind: item.kind,
    source: item.source,
    lane: lane.name,
    stream,
    latencyMs,
    fallbacks: end?.fallbacks.length ?? 0,
    retries: end?.retries ?? 0,
    attempts: end?.attempts ?? [],
    ...(end === undefined ? {} : { primary: end.decision.target }),
  };
  if (failure === undefined && answer !== undefined) {
    const structured = checkStructuredAnswer(item.request, answer.text);
    return {
      ...base,
      outcome: 'ok',
      ...(end?.target === undefined ? {} : { answeredBy: end.target.target }),
      ...(ttftMs === undefined ? {} : { ttftMs }),
      ...(end?.usage === undefined ? {} : { usage: end.usage }),
      answer,
      ...(finishReason === undefined ? {} : { finishReason }),
      ...(structured === undefined ? {} : { structured }),
    };
  }
  if (execution.signal.aborted) return { ...base, outcome: 'cut', errorCode: 'deadline' };
  const { code, message } = describeFailure(failure);
  return { ...base, outcome: 'error', errorCode: code, errorMessage: message };
}

function describeFailure(error: unknown): { code: string; message: string } {
  if (NoRouteError.isInstance(error)) return { code: 'no-route', message: error.message };
  if (BackendCallError.isInstance(error)) return { code: error.code, message: error.message };
  return { code: 'unknown', message: error instanceof Error ? error.message : String(error) };
}

function carriesContent(chunk: ChatCompletionChunk): boolean {
  const delta = chunk.choices[0]?.delta;
  return delta !== undefined && ((delta.content ?? '') !== '' || (delta.tool_calls?.length ?? 0) > 0);
}

function collectChunk(
  chunk: ChatCompletionChunk,
  text: string[],
  calls: Map<number, { name: string; arguments: string }>,
): void {
  const delta = chunk.choices[0]?.delta;
  if (delta === undefined) return;
  if (delta.content) text.push(delta.content);
  for (const part of delta.tool_calls ?? []) {
    const call = calls.get(part.index) ?? { name: '', arguments: '' };
    if (part.function?.name) call.name += part.function.name;
    if (part.function?.arguments) call.arguments += part.function.arguments;
    calls.set(part.index, call);
  }
}

function answerOf(completion: ChatCompletion): LiveAnswer {
  const message = completion.choices[0]?.message;
  return {
    text: message?.content ?? '',
    toolCalls: (message?.tool_calls ?? []).map((call) => ({
      name: call.function.name,
      arguments: call.function.arguments,
    })),
  };
}
