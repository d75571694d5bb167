import { BackendCallError, type BackendErrorPhase } from '../errors/backend-call-error.js';
import { ExecutionError } from '../errors/execution-error.js';
import type { StreamPart } from '../spec/backend.js';
import type { ChatCompletionChunk } from '../spec/chat-completion.js';
import type { RequestEndEvent } from '../spec/router-events.js';
import type { Candidate } from '../spec/target.js';
import { advanceChain } from './advance-chain.js';
import { buildTargetRequest } from './build-target-request.js';
import { createCallSignal } from './call-signal.js';
import { carriesContent } from './carries-content.js';
import { closeIterator } from './close-iterator.js';
import { enterHop, hopTimeouts } from './enter-hop.js';
import { errorAction } from './error-action.js';
import { abortedError, exhaustedError, stoppedError, unexpectedError } from './execution-failures.js';
import type { AttemptStart } from './execution-recorder.js';
import type { ExecutorContext, RequestRun } from './executor-context.js';
import { backendFor, missingBackend } from './missing-backend.js';
import { pauseBeforeRetry } from './pause-before-retry.js';
import { raceSignal, SignalAbortedError } from './race-signal.js';
import { retryDelay } from './retry-delay.js';
import { toCallError } from './to-call-error.js';

type FinishPart = Extract<StreamPart, { type: 'finish' }>;

/** How a stream ended: the finish part, the hop that produced it, and the request's record. */
export type StreamOutcome = {
  readonly candidate: Candidate;
  readonly finish: FinishPart;
  readonly report: RequestEndEvent;
};

/** Receives the stream's settlement, exactly once. */
export type StreamSettlement = {
  succeed(outcome: StreamOutcome): void;
  fail(error: ExecutionError): void;
};

type CallEnd =
  | { readonly type: 'finished'; readonly finish: FinishPart }
  | { readonly type: 'failed'; readonly error: BackendCallError; readonly start: AttemptStart };

type HopOutcome =
  | { readonly type: 'finished'; readonly finish: FinishPart }
  | { readonly type: 'skipped'; readonly cause: 'circuit-open' | 'saturated' }
  | { readonly type: 'failed'; readonly error: BackendCallError; readonly action: 'fail-over' | 're-route' }
  | { readonly type: 'stopped'; readonly error: BackendCallError };

/**
 * Streams a request down its decision's chain. Until a hop produces its first content chunk
 * every option is open — retry with backoff, fail-over, re-route — and nothing reaches the caller
 * but the wait; from then on the hop is committed: its chunks are passed through one per `next()`
 * (no buffering), and a failure throws an `ExecutionError` (`stream-failed`) from the iterator.
 * Validation and quality gates do not apply to streams. Settles `settlement` exactly once —
 * including when the reader stops early (`return()`), which counts as `aborted`; the concurrency
 * slot and the backend stream are released in every case.
 *
 * @example
 * for await (const chunk of streamOnChain(context, run, settlement)) process.stdout.write(chunk.choices[0]?.delta.content ?? '');
 */
export async function* streamOnChain(
  context: ExecutorContext,
  run: RequestRun,
  settlement: StreamSettlement,
): AsyncGenerator<ChatCompletionChunk, void, undefined> {
  const { recorder } = run;
  const chain = run.decision.chain;
  let settled = false;
  try {
    let index: number | undefined = 0;
    let lastError: BackendCallError | undefined;
    let lastCandidate: Candidate | undefined;
    let skipCause: 'circuit-open' | 'saturated' | undefined;
    while (index !== undefined && index < chain.length) {
      const candidate = chain[index] as Candidate;
      const outcome: HopOutcome = yield* streamHop(context, run, index);
      switch (outcome.type) {
        case 'finished': {
          const report = recorder.succeed(candidate, outcome.finish.usage, outcome.finish.timing);
          settled = true;
          settlement.succeed({ candidate, finish: outcome.finish, report });
          return;
        }
        case 'skipped':
          skipCause = outcome.cause;
          recorder.skip([{ target: candidate.target.id, hop: index, reason: outcome.cause }]);
          index = advanceChain(run, index, { kind: 'fallback', cause: outcome.cause, rule: 'next' });
          break;
        case 'stopped':
          throw stoppedError(run, candidate, outcome.error);
        case 'failed':
          lastError = outcome.error;
          lastCandidate = candidate;
          index = advanceChain(run, index, {
            kind: 'fallback',
            cause: outcome.error.code,
            rule: outcome.action === 're-route' ? 'larger-window' : 'next',
          });
          break;
      }
    }
    throw exhaustedError(run, { error: lastError, candidate: lastCandidate, skipCause });
  } catch (error) {
    const failure = ExecutionError.isInstance(error) ? error : unexpectedError(run, error);
    recorder.fail(failure);
    settled = true;
    settlement.fail(failure);
    throw failure;
  } finally {
    if (!settled) {
      const failure = run.recorder.error({
        failure: 'aborted',
        code: 'aborted',
        summary: 'the caller stopped reading the stream',
      });
      recorder.fail(failure);
      settlement.fail(failure);
    }
  }
}

async function* streamHop(
  context: ExecutorContext,
  run: RequestRun,
  hop: number,
): AsyncGenerator<ChatCompletionChunk, HopOutcome, undefined> {
  const candidate = run.decision.chain[hop] as Candidate;
  let calls = 0;
  let errorRetries = 0;
  for (;;) {
    const entry = await enterHop(context, run, candidate);
    if (entry.type === 'aborted') throw abortedError(run);
    if (entry.type === 'skip') return { type: 'skipped', cause: entry.cause };
    const end: CallEnd = yield* streamCall(context, run, candidate, hop, calls, entry.release);
    calls += 1;
    if (end.type === 'finished') return end;

    const { error, start } = end;
    const action = errorAction(error);
    if (action === 'stop') return { type: 'stopped', error };
    if (action !== 'retry') return { type: 'failed', error, action };
    if (errorRetries + 1 >= context.options.maxAttemptsPerTarget) {
      return { type: 'failed', error, action: 'fail-over' };
    }
    const delayMs = retryDelay(error, errorRetries, context.options, context.options.random);
    if (delayMs === undefined) return { type: 'failed', error, action: 'fail-over' };
    errorRetries += 1;
    run.recorder.retry(start, error.code, delayMs);
    await pauseBeforeRetry(context, run, delayMs);
  }
}

/**
 * One streaming call. The slot is released when the call ends, fails, is aborted (at once, even
 * while nobody reads) or is abandoned by the reader; the backend stream is closed likewise.
 */
async function* streamCall(
  context: ExecutorContext,
  run: RequestRun,
  candidate: Candidate,
  hop: number,
  retry: number,
  release: () => void,
): AsyncGenerator<ChatCompletionChunk, CallEnd, undefined> {
  const { recorder } = run;
  const { target } = candidate;
  const { now } = context.options;
  const { timeoutMs, firstTokenTimeoutMs } = hopTimeouts(candidate, context.options);
  const signal = createCallSignal({ caller: run.signal, timeoutMs, firstTokenTimeoutMs });
  signal.signal.addEventListener('abort', release, { once: true });
  const start = recorder.startAttempt(candidate, hop, retry);
  const backend = backendFor(context.backends, candidate);
  let iterator: AsyncIterator<StreamPart> | undefined;
  let drained = false;
  let phase: BackendErrorPhase = 'headers';
  let committed = false;
  let recorded = false;
  let ttftMs: number | undefined;
  let warnings: readonly string[] = [];
  try {
    if (backend === undefined) throw missingBackend(candidate);
    const request = buildTargetRequest(run.request, candidate);
    const opened = await raceSignal(
      backend.doStream({ request, model: candidate.model, signal: signal.signal }),
      signal.signal,
      (late) => closeIterator(late.stream[Symbol.asyncIterator]()),
    );
    warnings = opened.warnings;
    const parts = opened.stream[Symbol.asyncIterator]();
    iterator = parts;
    phase = 'stream';
    const next = async (): Promise<StreamPart> => {
      const step = await raceSignal(parts.next(), signal.signal);
      if (step.done) {
        drained = true;
        throw endedWithoutFinish(candidate);
      }
      return step.value;
    };

    // Before the first content chunk: hold role-only chunks back, so failing over stays possible.
    const held: ChatCompletionChunk[] = [];
    let part = await next();
    while (part.type === 'chunk' && !carriesContent(part.chunk)) {
      held.push(part.chunk);
      part = await next();
    }
    committed = true;
    signal.firstTokenArrived();
    ttftMs = now() - start.startedAt;
    context.health.recordSuccess(target.id, ttftMs);
    recorder.firstToken();
    // Chunks already in hand are not handed out once the call was aborted (caller or timeout).
    const deliver = (chunk: ChatCompletionChunk) => {
      if (signal.signal.aborted) throw new SignalAbortedError();
      return chunk;
    };
    for (const chunk of held) yield deliver(chunk);

    // Committed: pass chunks through, one per read.
    while (part.type === 'chunk') {
      yield deliver(part.chunk);
      part = await next();
    }
    recorded = true;
    recorder.endAttempt(start, { status: 'ok', usage: part.usage, timing: part.timing, ttftMs, warnings });
    return { type: 'finished', finish: part };
  } catch (thrown) {
    const error = toCallError(thrown, {
      signal,
      targetId: target.id,
      backendId: target.backend,
      phase,
      timeoutMs,
      firstTokenTimeoutMs,
    });
    recorded = true;
    recorder.endAttempt(start, {
      status: 'error',
      error,
      ...(ttftMs === undefined ? {} : { ttftMs }),
      warnings,
    });
    if (signal.abortReason() === 'caller') throw abortedError(run, error);
    if (backend !== undefined) context.health.recordFailure(target.id, error);
    if (committed) {
      throw recorder.error({
        failure: 'stream-failed',
        code: error.code,
        summary: `the stream from '${target.id}' failed after output had reached the caller: ${error.message}`,
        cause: error,
      });
    }
    return { type: 'failed', error, start };
  } finally {
    signal.signal.removeEventListener('abort', release);
    signal.dispose();
    release();
    if (iterator !== undefined && !drained) closeIterator(iterator);
    if (!recorded) {
      recorder.endAttempt(start, {
        status: 'error',
        error: new BackendCallError({
          message: 'the caller stopped reading the stream',
          code: 'aborted',
          backend: target.backend,
          phase: 'stream',
          isRetryable: false,
        }),
        ...(ttftMs === undefined ? {} : { ttftMs }),
        warnings,
      });
    }
  }
}

function endedWithoutFinish(candidate: Candidate): BackendCallError {
  return new BackendCallError({
    message: `the stream from '${candidate.target.id}' ended without a finish`,
    code: 'network',
    backend: candidate.target.backend,
    phase: 'stream',
  });
}
