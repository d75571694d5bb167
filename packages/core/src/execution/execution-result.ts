import type { NormalizedUsage } from '../spec/backend.js';
import type { ChatCompletion, ChatCompletionChunk, FinishReason } from '../spec/chat-completion.js';
import type { AttemptRecord, ExecutionTiming } from '../spec/router-events.js';
import type { RouteHop, RoutingDecision } from '../spec/routing-decision.js';

/** Per-call options of `router.generate`, `router.stream` and `router.generateObject`. */
export type ExecuteOptions = {
  /** Aborts the request: every call stops, nothing is retried, the error's code is `aborted`. */
  readonly signal?: AbortSignal;
  /** Request id (default: the request's `switchyard.requestId`, else a generated one). */
  readonly requestId?: string;
};

/** What every executed request reports besides its answer. */
export type ExecutionReport = {
  readonly requestId: string;
  /** The routing decision whose chain was walked. */
  readonly decision: RoutingDecision;
  /** The hop that answered. */
  readonly target: RouteHop;
  /** Every call made, in order (failed and rejected ones included). */
  readonly attempts: readonly AttemptRecord[];
  /** Usage of the answering call. */
  readonly usage: NormalizedUsage;
  /** Usage summed over every call that reported it (what the request consumed). */
  readonly totalUsage: NormalizedUsage;
  readonly timing: ExecutionTiming;
  /** Hops left for the next one (errors, saturation, open circuits). */
  readonly fallbacks: number;
  /** Calls repeated on the same hop (retryable errors, failed validation). */
  readonly retries: number;
  /** Moves to a stronger hop after a rejected answer. */
  readonly escalations: number;
  /** Things worth knowing (a quality gate that failed on the last hop, …). */
  readonly warnings: readonly string[];
};

/** The answer of `router.generate`. */
export type GenerateResult = ExecutionReport & {
  /** The answer, OpenAI `chat.completion` shaped (JSON unwrapped from a code fence when validated). */
  readonly completion: ChatCompletion;
};

/** The answer of `router.generateObject`: the validated object, typed by the schema. */
export type GenerateObjectResult<T> = GenerateResult & { readonly object: T };

/** What a stream reports once it has ended. */
export type StreamResult = ExecutionReport & { readonly finishReason: FinishReason };

/**
 * The answer of `router.stream`: an async iterable of OpenAI chunks (iterate it once), the
 * decision and request id at once, and `result` once the stream has ended. Nothing is sent to a
 * backend until the first `next()`; that first `next()` resolves when a hop produced its first
 * content chunk, or rejects (an `ExecutionError`) when every hop failed before — so a gateway can
 * wait for it before sending its response headers. A failure after output reached the caller
 * throws from the iterator (`failure: 'stream-failed'`), never ends the stream as if complete.
 * `result` never causes an unhandled rejection when nobody awaits it.
 */
export type RouterStream = AsyncIterable<ChatCompletionChunk> & {
  readonly requestId: string;
  readonly decision: RoutingDecision;
  /** Settles once: resolves when the stream finished, rejects (`ExecutionError`) otherwise. */
  readonly result: Promise<StreamResult>;
};
