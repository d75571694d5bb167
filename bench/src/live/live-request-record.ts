import type { AttemptRecord, FinishReason, NormalizedUsage } from '@switchyard/core';
import type { WorkloadKind } from '../workload/workload-item.js';
import type { LiveAnswer } from './answer-agreement.js';

/**
 * How one request ended: answered (`ok`), failed (`error`, after the executor's retries and
 * fallbacks), or cut short by the run's deadline (`cut`, not counted as an error).
 */
export type LiveOutcome = 'ok' | 'error' | 'cut';

/** Structured-output check of an answer: the request's own schema, checked with ajv. */
export type StructuredCheck = { readonly valid: boolean; readonly errors: readonly string[] };

/** One request the live bench sent, as measured. */
export type LiveRequestRecord = {
  /** Position among the selected requests. */
  readonly index: number;
  readonly kind: WorkloadKind;
  readonly source: string;
  /** `routed`, or the compared target's id. */
  readonly lane: string;
  readonly stream: boolean;
  readonly outcome: LiveOutcome;
  /** Error code for `error` (`overloaded`, `invalid-output`, `no-route`…). */
  readonly errorCode?: string;
  readonly errorMessage?: string;
  /** The routing decision's primary target. */
  readonly primary?: string;
  /** The target whose answer was returned. */
  readonly answeredBy?: string;
  /** Wall clock of the whole request as the caller saw it, in ms (routing, retries, fallbacks). */
  readonly latencyMs: number;
  /** Streams: from the call to the first content chunk the caller received, in ms. */
  readonly ttftMs?: number;
  /** Hops left for another (errors, saturation, open circuits). */
  readonly fallbacks: number;
  readonly retries: number;
  /** Every call the executor made for this request. */
  readonly attempts: readonly AttemptRecord[];
  /** Usage of the answering call. */
  readonly usage?: NormalizedUsage;
  readonly answer?: LiveAnswer;
  /** Why the answer ended (`length`: it hit the output cap). */
  readonly finishReason?: FinishReason;
  /** Requests with `response_format` JSON: whether the returned answer is valid for it. */
  readonly structured?: StructuredCheck;
};
