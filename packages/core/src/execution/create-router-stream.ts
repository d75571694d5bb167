import type { ExecutionError } from '../errors/execution-error.js';
import type { ChatCompletionChunk } from '../spec/chat-completion.js';
import { executionReportOf } from './execution-report-of.js';
import type { RouterStream, StreamResult } from './execution-result.js';
import type { ExecutorContext, RequestRun } from './executor-context.js';
import { streamOnChain } from './stream-on-chain.js';

/**
 * Wraps {@link streamOnChain} as the {@link RouterStream} callers get: iterable once, lazy (no call
 * before the first `next()`), with a `result` promise that settles exactly once — also when the
 * stream is closed before it was read, or the caller aborts before reading — and that is marked
 * handled, so leaving it unawaited never raises an unhandled rejection.
 *
 * @example
 * const stream = createRouterStream(context, run);
 * for await (const chunk of stream) write(chunk);
 * const { usage, target } = await stream.result;
 */
export function createRouterStream(context: ExecutorContext, run: RequestRun): RouterStream {
  let resolveResult!: (result: StreamResult) => void;
  let rejectResult!: (error: ExecutionError) => void;
  const result = new Promise<StreamResult>((resolve, reject) => {
    resolveResult = resolve;
    rejectResult = reject;
  });
  result.catch(() => {});

  const generator = streamOnChain(context, run, {
    succeed(outcome) {
      resolveResult({
        ...executionReportOf(outcome.report, outcome.candidate),
        finishReason: outcome.finish.finishReason,
      });
    },
    fail: rejectResult,
  });

  let started = false;
  let handedOut = false;
  const settleUnread = (summary: string) => {
    const failure = run.recorder.error({ failure: 'aborted', code: 'aborted', summary });
    run.recorder.fail(failure);
    rejectResult(failure);
  };
  const onAbortBeforeRead = () => {
    if (!started) settleUnread('aborted by the caller before the stream was read');
  };
  run.signal?.addEventListener('abort', onAbortBeforeRead, { once: true });
  const begin = () => {
    started = true;
    run.signal?.removeEventListener('abort', onAbortBeforeRead);
  };

  const iterator: AsyncIterableIterator<ChatCompletionChunk> = {
    async next() {
      begin();
      const step = await generator.next();
      return step.done ? { done: true, value: undefined } : step;
    },
    async return() {
      if (!started) {
        begin();
        if (!run.recorder.settled) settleUnread('the stream was closed before it was read');
      }
      await generator.return();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };

  return {
    requestId: run.decision.requestId,
    decision: run.decision,
    result,
    [Symbol.asyncIterator]() {
      if (handedOut) throw new TypeError('a router stream can be iterated only once');
      handedOut = true;
      return iterator;
    },
  };
}
