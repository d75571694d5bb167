import type { BackendErrorCode, FinishReason, NormalizedUsage } from '@switchyard/core';

/** A scripted successful answer. */
export type MockReplyStep = {
  readonly type: 'reply';
  /** Reply text (default: the mock's `replyText`). */
  readonly text?: string;
  /** A JSON value to answer with (serialised as the content). */
  readonly json?: unknown;
  /** Tool calls to return; `arguments` is serialised to a JSON string. */
  readonly toolCalls?: readonly {
    readonly name: string;
    readonly arguments?: unknown;
    readonly id?: string;
  }[];
  readonly finishReason?: FinishReason;
  /** Overrides parts of the estimated usage. */
  readonly usage?: Partial<NormalizedUsage>;
  /** Wait before answering (before headers, for a stream). */
  readonly delayMs?: number;
  /** Wait between streamed chunks. */
  readonly chunkDelayMs?: number;
};

/** A scripted failure before any output: the call rejects with a `BackendCallError`. */
export type MockErrorStep = {
  readonly type: 'error';
  readonly code: BackendErrorCode;
  readonly message?: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly isRetryable?: boolean;
  /** Default `headers`. */
  readonly phase?: 'connect' | 'headers';
  readonly delayMs?: number;
};

/**
 * A stream that fails after `afterChunks` content chunks: the iterator throws a
 * `BackendCallError` with phase `stream` (code `network` unless given). On `doGenerate` the call
 * rejects with phase `headers`, as a body cut before it was read.
 */
export type MockCutStep = {
  readonly type: 'cut';
  readonly afterChunks: number;
  readonly code?: BackendErrorCode;
  readonly message?: string;
  readonly text?: string;
  readonly delayMs?: number;
  readonly chunkDelayMs?: number;
};

/** Never answers; rejects with code `aborted` when the call's signal aborts. */
export type MockHangStep = { readonly type: 'hang' };

/** One scripted behaviour of a {@link createMockBackend} call. */
export type MockStep = MockReplyStep | MockErrorStep | MockCutStep | MockHangStep;
