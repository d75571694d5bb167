import type { ServerResponse } from 'node:http';
import {
  BackendCallError,
  type ChatCompletionChunk,
  type ChatRequest,
  type Router,
  type RouterEvents,
} from '@switchyard/core';
import type { AbortReason } from './abort-reason.js';
import { decisionHeaders } from './decision-headers.js';
import { GatewayHttpError } from './gateway-http-error.js';
import { httpErrorOf } from './http-error-of.js';
import type { RequestScope } from './request-scope.js';
import { drained } from './send-response.js';
import { usageChunk } from './usage-chunk.js';

/** Where a stream is being answered from, before its first chunk (for the response headers). */
type StreamProgress = { target: string | undefined; backend: string | undefined; fallbacks: number };

/**
 * Follows the router's `attempt-start` and `fallback` events for streams that have not sent
 * their headers yet, so the headers name the target that actually answers. One pair of listeners
 * for the whole gateway, attached only while some stream waits for its first chunk.
 */
export type StreamTracker = {
  watch(requestId: string): StreamProgress | undefined;
  unwatch(requestId: string, progress: StreamProgress | undefined): void;
  detach(): void;
};

/**
 * Creates the {@link StreamTracker} of a router.
 *
 * @example
 * const streams = createStreamTracker(router);
 * const progress = streams.watch(stream.requestId);
 */
export function createStreamTracker(router: Router): StreamTracker {
  const waiting = new Map<string, StreamProgress>();
  const onAttempt: RouterEvents['attempt-start'] = (event) => {
    const progress = waiting.get(event.requestId);
    if (progress === undefined) return;
    progress.target = event.target;
    progress.backend = event.backend;
  };
  const onFallback: RouterEvents['fallback'] = (event) => {
    const progress = waiting.get(event.requestId);
    if (progress !== undefined) progress.fallbacks += 1;
  };
  // Listening only while a stream waits keeps the executor from building `attempt-start`
  // payloads for every other request.
  const listen = () => {
    router.events.on('attempt-start', onAttempt);
    router.events.on('fallback', onFallback);
  };
  const stopListening = () => {
    router.events.off('attempt-start', onAttempt);
    router.events.off('fallback', onFallback);
  };
  return {
    watch(requestId) {
      // Two requests sharing a client-chosen id: only the first is followed (headers fall back
      // to the decision's primary for the second).
      if (waiting.has(requestId)) return undefined;
      const progress: StreamProgress = { target: undefined, backend: undefined, fallbacks: 0 };
      if (waiting.size === 0) listen();
      waiting.set(requestId, progress);
      return progress;
    },
    unwatch(requestId, progress) {
      if (progress === undefined || !waiting.delete(requestId)) return;
      if (waiting.size === 0) stopListening();
    },
    detach() {
      waiting.clear();
      stopListening();
    },
  };
}

/** The status logged for a request whose client went away (nginx's convention; never sent). */
const clientClosedStatus = 499;

const eventStreamHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
};

/**
 * Answers a streaming chat request as OpenAI does: `data: {chunk}` events, then (with
 * `stream_options.include_usage`) a usage chunk with no choices, then `data: [DONE]`. The status
 * is chosen only after the first content chunk arrived — until then every target can still be
 * tried, and a failure is an ordinary JSON error answer (thrown). A failure after that ends the
 * stream with a `data: {"error": …}` event and no `[DONE]`. Writes wait for `drain` when the
 * client reads slowly; a client that goes away aborts the upstream call.
 *
 * @example
 * await streamChatCompletion(chatRequest, response, scope, context);
 */
export async function streamChatCompletion(
  chatRequest: ChatRequest,
  response: ServerResponse,
  scope: RequestScope,
  context: {
    readonly router: Router;
    readonly streams: StreamTracker;
    readonly redact: (text: string) => string;
  },
): Promise<void> {
  const stream = context.router.stream(chatRequest, { signal: scope.signal });
  scope.requestId = stream.requestId;
  const iterator = stream[Symbol.asyncIterator]();
  const progress = context.streams.watch(stream.requestId);
  let step: IteratorResult<ChatCompletionChunk>;
  try {
    step = await iterator.next();
  } finally {
    context.streams.unwatch(stream.requestId, progress);
  }
  const decision = stream.decision;
  const answered = {
    target: progress?.target ?? decision.target,
    backend: progress?.backend ?? decision.backend,
  };
  scope.target = answered.target;
  scope.backend = answered.backend;
  if (response.destroyed) {
    scope.status = clientClosedStatus;
    await iterator.return?.();
    return;
  }
  scope.status = 200;
  response.writeHead(200, {
    ...eventStreamHeaders,
    ...decisionHeaders(decision, answered, progress?.fallbacks ?? 0),
  });

  let last: ChatCompletionChunk | undefined;
  try {
    while (step.done !== true) {
      last = step.value;
      if (!response.write(`data: ${JSON.stringify(last)}\n\n`)) await drained(response);
      if (response.destroyed) break;
      step = await iterator.next();
    }
  } catch (error) {
    writeErrorEvent(response, error, scope, context.redact);
    return;
  } finally {
    if (step.done !== true) await iterator.return?.();
  }
  if (response.destroyed) {
    scope.status = clientClosedStatus;
    scope.errorCode = 'client_closed_request';
    return;
  }

  const result = await stream.result;
  scope.recordExecution(result);
  if (chatRequest.stream_options?.include_usage === true && last !== undefined) {
    response.write(`data: ${JSON.stringify(usageChunk(last, result.usage))}\n\n`);
  }
  response.end('data: [DONE]\n\n');
}

/** Ends a started stream with an OpenAI error event (and no `[DONE]`), noting the failure. */
function writeErrorEvent(
  response: ServerResponse,
  error: unknown,
  scope: RequestScope,
  redact: (text: string) => string,
): void {
  const abortReason: AbortReason | undefined = scope.abortReason;
  if (abortReason === 'client') {
    scope.status = clientClosedStatus;
    scope.errorCode = 'client_closed_request';
    return;
  }
  const httpError =
    abortReason === 'deadline' || abortReason === 'shutdown' || !BackendCallError.isInstance(error)
      ? httpErrorOf(error, { abortReason, redact })
      : new GatewayHttpError({
          status: 502,
          type: 'server_error',
          code: 'upstream_stream_failed',
          message: redact(error.message),
          detail: { errorCode: error.code },
        });
  scope.errorCode = httpError.code ?? 'stream_failed';
  scope.errorMessage = httpError.message;
  if (response.destroyed) return;
  response.end(`data: ${JSON.stringify(httpError.toBody())}\n\n`);
}
