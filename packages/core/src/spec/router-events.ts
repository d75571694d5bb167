import type { BackendErrorCode } from '../errors/backend-call-error.js';
import type { SwitchyardError } from '../errors/switchyard-error.js';
import type { ChatRequest } from '../request/chat-request-schema.js';
import type { CallTiming, NormalizedUsage } from './backend.js';
import type { RouteHop, RoutingDecision } from './routing-decision.js';
import type { BackendKind, Locality, Tier } from './target.js';

/**
 * Why the executor left a hop for the next one: the error code of the failed call, `saturated`
 * (the target's concurrency limit and queue were full, or the queue wait timed out) or
 * `circuit-open` (the health tracker said not to try it).
 */
export type FallbackCause = BackendErrorCode | 'saturated' | 'circuit-open';

/** Why the executor moved up to a stronger hop although the call itself succeeded. */
export type EscalationReason = 'invalid-output' | 'quality-gate';

/** What became of one call. `rejected`: the call succeeded but its answer was turned down. */
export type AttemptStatus = 'ok' | 'error' | 'rejected';

/** One call to one target, as the executor saw it. */
export type AttemptRecord = {
  /** Target id. */
  readonly target: string;
  /** Backend id. */
  readonly backend: string;
  readonly kind: BackendKind;
  /** Model name sent. */
  readonly model: string;
  readonly tier: Tier;
  readonly locality: Locality;
  /** Position of the hop in `decision.chain` (0 = primary). */
  readonly hop: number;
  /** Calls made on this hop before this one (0 = first call). */
  readonly retry: number;
  readonly stream: boolean;
  /** The temperature the executor set for this call (validation retries), when it set one. */
  readonly temperature?: number;
  readonly status: AttemptStatus;
  /** The error code, for `error` (the call failed) and `rejected` by validation (`invalid-output`). */
  readonly errorCode?: BackendErrorCode;
  /** The error's message (redacted by the adapter; never request content). */
  readonly errorMessage?: string;
  /** Why a successful call's answer was turned down. */
  readonly rejection?: {
    readonly by: 'validation' | 'quality-gate';
    /** The gate's name, for `quality-gate`. */
    readonly gate?: string;
    readonly reason: string;
  };
  /** Wall clock of the call, from sending to the last byte (or the failure), in ms. */
  readonly latencyMs: number;
  /** Time to the first content chunk (streams), in ms. */
  readonly ttftMs?: number;
  /** Token usage, when the call completed (failed calls have none; rejected answers do). */
  readonly usage?: NormalizedUsage;
  /** The backend's own timing, when the call completed. */
  readonly timing?: CallTiming;
  /** What the adapter changed or dropped to fit the backend. */
  readonly warnings: readonly string[];
};

/** The executor left one hop for another. */
export type FallbackRecord = {
  readonly from: string;
  readonly to: string;
  readonly cause: FallbackCause;
};

/** The executor moved up to a stronger hop after a rejected answer. */
export type EscalationRecord = {
  readonly from: string;
  readonly to: string;
  readonly reason: EscalationReason;
  /** The validation errors or the gate's reason. */
  readonly detail: string;
};

/** An answer that failed structured-output validation. */
export type ValidationFailureRecord = {
  readonly target: string;
  readonly hop: number;
  readonly retry: number;
  readonly temperature?: number;
  /** One line per problem (`/items/0/price: must be number`). */
  readonly errors: readonly string[];
};

/** A hop of the chain that was passed over without a call, and why. */
export type SkippedHopRecord = {
  readonly target: string;
  readonly hop: number;
  readonly reason:
    | 'circuit-open'
    | 'saturated'
    | 'smaller-context-window'
    | 'not-a-higher-tier'
    | 'aborted-before-call';
};

/** Timing of a whole request through the executor, in ms. */
export type ExecutionTiming = {
  /** From the executor's start to the settlement, every attempt, wait and queue included. */
  readonly totalMs: number;
  /** Streams: from the start to the first content chunk handed to the caller. */
  readonly timeToFirstTokenMs?: number;
  /** The answering call's own timing. */
  readonly call?: CallTiming;
};

/** The `request-end` payload: everything metering needs to write one ledger line. */
export type RequestEndEvent = {
  readonly requestId: string;
  readonly stream: boolean;
  readonly outcome: 'success' | 'error';
  /** The routing decision the executor walked (target, reasons, tier, locality, profile, trace). */
  readonly decision: RoutingDecision;
  /** The hop that answered; for errors, the last hop called (undefined when none was). */
  readonly target: RouteHop | undefined;
  readonly attempts: readonly AttemptRecord[];
  readonly fallbacks: readonly FallbackRecord[];
  readonly escalations: readonly EscalationRecord[];
  readonly validationFailures: readonly ValidationFailureRecord[];
  readonly skipped: readonly SkippedHopRecord[];
  /** Calls repeated on the same hop (after a retryable error or a failed validation). */
  readonly retries: number;
  /** Things worth knowing about a successful answer (a quality gate that failed on the last hop…). */
  readonly warnings: readonly string[];
  /** Usage of the answering call. */
  readonly usage: NormalizedUsage | undefined;
  /** Usage summed over every call that reported it, rejected answers included. */
  readonly totalUsage: NormalizedUsage;
  readonly timing: ExecutionTiming;
  /** Present when `outcome` is `error`. */
  readonly error?: { readonly code: BackendErrorCode; readonly message: string };
};

/**
 * Typed router events (eventemitter3). Names are noun-verb kebab; each payload carries the
 * request id so sinks can correlate. Listeners run synchronously on the request path: keep them
 * cheap (queue work), and do not throw (a throwing listener is reported, never allowed to break
 * the request).
 */
export type RouterEvents = {
  /** A decision was made. */
  'route-end': (event: { requestId: string; request: ChatRequest; decision: RoutingDecision }) => void;
  /** No decision could be made (no route, or a policy threw). */
  'route-error': (event: { requestId: string; request: ChatRequest; error: SwitchyardError }) => void;
  /** A call to a target is about to be made. */
  'attempt-start': (event: {
    requestId: string;
    target: string;
    backend: string;
    model: string;
    hop: number;
    retry: number;
    stream: boolean;
    temperature?: number;
  }) => void;
  /** A call ended: succeeded, failed, or its answer was rejected. */
  'attempt-end': (event: { requestId: string } & AttemptRecord) => void;
  /** The same target is called again after `delayMs` (0 for validation retries). */
  retry: (event: {
    requestId: string;
    target: string;
    hop: number;
    retry: number;
    cause: BackendErrorCode;
    delayMs: number;
  }) => void;
  /** The executor moves on from one hop to the next. */
  fallback: (event: { requestId: string } & FallbackRecord) => void;
  /** The executor moves up to a stronger hop after a rejected answer. */
  escalation: (event: { requestId: string } & EscalationRecord) => void;
  /** A request through `generate` / `stream` / `generateObject` settled (exactly once). */
  'request-end': (event: RequestEndEvent) => void;
};
