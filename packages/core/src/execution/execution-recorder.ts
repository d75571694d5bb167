import { routeHopOf } from '../engine/route-hop.js';
import type { BackendCallError, BackendErrorCode } from '../errors/backend-call-error.js';
import { ExecutionError, type ExecutionFailure } from '../errors/execution-error.js';
import type { CallTiming, NormalizedUsage } from '../spec/backend.js';
import type {
  AttemptRecord,
  EscalationReason,
  EscalationRecord,
  FallbackCause,
  FallbackRecord,
  RequestEndEvent,
  RouterEvents,
  SkippedHopRecord,
  ValidationFailureRecord,
} from '../spec/router-events.js';
import type { RouteHop, RoutingDecision } from '../spec/routing-decision.js';
import type { Candidate } from '../spec/target.js';
import { sumUsage, ZERO_USAGE } from './sum-usage.js';

/** Emits a router event (the executor's sink never lets a throwing listener break a request). */
export type EmitEvent = <Name extends keyof RouterEvents>(
  name: Name,
  payload: Parameters<RouterEvents[Name]>[0],
) => void;

/** A call in progress, as returned by {@link ExecutionRecorder.startAttempt}. */
export type AttemptStart = {
  readonly candidate: Candidate;
  readonly hop: number;
  readonly retry: number;
  readonly temperature: number | undefined;
  readonly startedAt: number;
};

/** How a call ended, for {@link ExecutionRecorder.endAttempt}. */
export type AttemptOutcome =
  | {
      readonly status: 'ok';
      readonly usage: NormalizedUsage | undefined;
      readonly timing?: CallTiming;
      readonly ttftMs?: number;
      readonly warnings?: readonly string[];
    }
  | {
      readonly status: 'error';
      readonly error: BackendCallError;
      readonly usage?: NormalizedUsage;
      readonly ttftMs?: number;
      readonly warnings?: readonly string[];
    }
  | {
      readonly status: 'rejected';
      readonly rejection: NonNullable<AttemptRecord['rejection']>;
      readonly errorCode?: BackendErrorCode;
      readonly usage: NormalizedUsage | undefined;
      readonly timing?: CallTiming;
      readonly warnings?: readonly string[];
    };

/** Everything one request went through, recorded as it happens and emitted as events. */
export type ExecutionRecorder = {
  readonly requestId: string;
  readonly attempts: readonly AttemptRecord[];
  readonly retries: number;
  startAttempt(candidate: Candidate, hop: number, retry: number, temperature?: number): AttemptStart;
  endAttempt(start: AttemptStart, outcome: AttemptOutcome): AttemptRecord;
  retry(start: AttemptStart, cause: BackendErrorCode, delayMs: number): void;
  fallback(from: Candidate, to: Candidate, cause: FallbackCause): void;
  escalation(from: Candidate, to: Candidate, reason: EscalationReason, detail: string): void;
  skip(records: readonly SkippedHopRecord[]): void;
  validationFailure(record: ValidationFailureRecord): void;
  warn(message: string): void;
  /** The first content chunk reached the caller (streams). */
  firstToken(): void;
  /** Builds an {@link ExecutionError} carrying the attempts and skipped hops so far. */
  error(options: {
    failure: ExecutionFailure;
    code: BackendErrorCode;
    summary: string;
    cause?: BackendCallError;
    validationErrors?: readonly string[];
  }): ExecutionError;
  /** Settles the request as answered by `target`; emits `request-end`. Only the first settle counts. */
  succeed(
    target: Candidate,
    usage: NormalizedUsage | undefined,
    timing: CallTiming | undefined,
  ): RequestEndEvent;
  /** Settles the request as failed; emits `request-end`. Only the first settle counts. */
  fail(error: ExecutionError): RequestEndEvent;
  /** Whether the request has settled. */
  readonly settled: boolean;
};

/**
 * Creates the per-request recorder: it keeps the attempts, retries, fallbacks, escalations,
 * skipped hops and validation failures, emits the matching events as they happen, and builds the
 * `request-end` payload (the one metering turns into a ledger line) exactly once.
 *
 * @example
 * const recorder = createExecutionRecorder({ decision, stream: false, emit, now: Date.now });
 * const start = recorder.startAttempt(decision.chain[0], 0, 0);
 */
export function createExecutionRecorder(options: {
  readonly decision: RoutingDecision;
  readonly stream: boolean;
  readonly emit: EmitEvent;
  readonly now: () => number;
}): ExecutionRecorder {
  const { decision, stream, emit, now } = options;
  const requestId = decision.requestId;
  const startedAt = now();
  const attempts: AttemptRecord[] = [];
  const fallbacks: FallbackRecord[] = [];
  const escalations: EscalationRecord[] = [];
  const skipped: SkippedHopRecord[] = [];
  const validationFailures: ValidationFailureRecord[] = [];
  const warnings: string[] = [];
  let retries = 0;
  let timeToFirstTokenMs: number | undefined;
  let lastCalled: Candidate | undefined;
  let settlement: RequestEndEvent | undefined;

  function settle(
    outcome: RequestEndEvent['outcome'],
    target: RouteHop | undefined,
    usage: NormalizedUsage | undefined,
    call: CallTiming | undefined,
    error: RequestEndEvent['error'],
  ): RequestEndEvent {
    if (settlement !== undefined) return settlement;
    const totalUsage = attempts.reduce(
      (sum, attempt) => (attempt.usage === undefined ? sum : sumUsage(sum, attempt.usage)),
      ZERO_USAGE,
    );
    settlement = {
      requestId,
      stream,
      outcome,
      decision,
      target,
      attempts: [...attempts],
      fallbacks: [...fallbacks],
      escalations: [...escalations],
      validationFailures: [...validationFailures],
      skipped: [...skipped],
      retries,
      warnings: [...warnings],
      usage,
      totalUsage,
      timing: {
        totalMs: now() - startedAt,
        ...(timeToFirstTokenMs === undefined ? {} : { timeToFirstTokenMs }),
        ...(call === undefined ? {} : { call }),
      },
      ...(error === undefined ? {} : { error }),
    };
    emit('request-end', settlement);
    return settlement;
  }

  return {
    requestId,
    attempts,
    get retries() {
      return retries;
    },
    get settled() {
      return settlement !== undefined;
    },

    startAttempt(candidate, hop, retry, temperature) {
      lastCalled = candidate;
      emit('attempt-start', {
        requestId,
        target: candidate.target.id,
        backend: candidate.target.backend,
        model: candidate.model,
        hop,
        retry,
        stream,
        ...(temperature === undefined ? {} : { temperature }),
      });
      return { candidate, hop, retry, temperature, startedAt: now() };
    },

    endAttempt(start, outcome) {
      const { target } = start.candidate;
      const base = {
        target: target.id,
        backend: target.backend,
        kind: target.kind,
        model: start.candidate.model,
        tier: target.tier,
        locality: target.locality,
        hop: start.hop,
        retry: start.retry,
        stream,
        ...(start.temperature === undefined ? {} : { temperature: start.temperature }),
        latencyMs: now() - start.startedAt,
        warnings: outcome.warnings ?? [],
      };
      let record: AttemptRecord;
      if (outcome.status === 'ok') {
        record = {
          ...base,
          status: 'ok',
          ...(outcome.ttftMs === undefined ? {} : { ttftMs: outcome.ttftMs }),
          ...(outcome.usage === undefined ? {} : { usage: outcome.usage }),
          ...(outcome.timing === undefined ? {} : { timing: outcome.timing }),
        };
      } else if (outcome.status === 'error') {
        record = {
          ...base,
          status: 'error',
          errorCode: outcome.error.code,
          errorMessage: outcome.error.message,
          ...(outcome.ttftMs === undefined ? {} : { ttftMs: outcome.ttftMs }),
          ...(outcome.usage === undefined ? {} : { usage: outcome.usage }),
        };
      } else {
        record = {
          ...base,
          status: 'rejected',
          rejection: outcome.rejection,
          ...(outcome.errorCode === undefined ? {} : { errorCode: outcome.errorCode }),
          ...(outcome.usage === undefined ? {} : { usage: outcome.usage }),
          ...(outcome.timing === undefined ? {} : { timing: outcome.timing }),
        };
      }
      attempts.push(record);
      emit('attempt-end', { requestId, ...record });
      return record;
    },

    retry(start, cause, delayMs) {
      retries += 1;
      emit('retry', {
        requestId,
        target: start.candidate.target.id,
        hop: start.hop,
        retry: start.retry + 1,
        cause,
        delayMs,
      });
    },

    fallback(from, to, cause) {
      const record: FallbackRecord = { from: from.target.id, to: to.target.id, cause };
      fallbacks.push(record);
      emit('fallback', { requestId, ...record });
    },

    escalation(from, to, reason, detail) {
      const record: EscalationRecord = { from: from.target.id, to: to.target.id, reason, detail };
      escalations.push(record);
      emit('escalation', { requestId, ...record });
    },

    skip(records) {
      skipped.push(...records);
    },

    validationFailure(record) {
      validationFailures.push(record);
    },

    warn(message) {
      warnings.push(message);
    },

    firstToken() {
      timeToFirstTokenMs ??= now() - startedAt;
    },

    error(errorOptions) {
      return new ExecutionError({
        requestId,
        failure: errorOptions.failure,
        code: errorOptions.code,
        summary: errorOptions.summary,
        attempts,
        skipped: [...skipped],
        ...(errorOptions.validationErrors === undefined
          ? {}
          : { validationErrors: errorOptions.validationErrors }),
        ...(errorOptions.cause === undefined ? {} : { cause: errorOptions.cause }),
        ...(lastCalled === undefined ? {} : { backend: lastCalled.target.backend }),
      });
    },

    succeed(target, usage, timing) {
      return settle('success', routeHopOf(target), usage, timing, undefined);
    },

    fail(error) {
      const target = lastCalled === undefined ? undefined : routeHopOf(lastCalled);
      return settle('error', target, undefined, undefined, { code: error.code, message: error.message });
    },
  };
}
