import { baselineCostUsd } from '../cost/baseline-cost-usd.js';
import { costOfCall } from '../cost/cost-of-call.js';
import type { PerTokenPrice } from '../cost/per-token-price.js';
import { roundUsd } from '../cost/round-usd.js';
import type { AttemptRecord, RequestEndEvent } from '../spec/router-events.js';
import type { Target } from '../spec/target.js';
import { LEDGER_RECORD_VERSION, type LedgerAttempt, type LedgerRecord } from './ledger-record.js';

/** What {@link toLedgerRecord} needs besides the event. */
export type LedgerRecordContext = {
  /** The `model` the caller asked for, when known. */
  readonly model: string | null;
  /** Per-token prices of the savings baseline; without one, baseline and savings are `null`. */
  readonly baseline: PerTokenPrice | undefined;
  /**
   * Targets by id, for prices of attempts not found in the decision's chain (the chain holds
   * every target the executor may call, so this is a safety net).
   */
  readonly targets?: ReadonlyMap<string, Target>;
  /** Clock for the timestamp (epoch ms). */
  readonly now: () => number;
};

/**
 * Turns a `request-end` event into one ledger line: the decision, the final target, every
 * attempt with its cost, fallbacks, escalations, validation failures, totals and savings. No
 * request or answer text, error message or validation message is copied.
 *
 * @example
 * router.events.on('request-end', (event) => {
 *   sink.write(toLedgerRecord(event, { model: null, baseline: undefined, now: Date.now }));
 * });
 */
export function toLedgerRecord(event: RequestEndEvent, context: LedgerRecordContext): LedgerRecord {
  const { decision } = event;
  const chainTargets = new Map(decision.chain.map((candidate) => [candidate.target.id, candidate.target]));
  const targetOf = (id: string) => chainTargets.get(id) ?? context.targets?.get(id);
  const attempts = event.attempts.map((attempt) => ledgerAttemptOf(attempt, targetOf(attempt.target)));

  let costUsd = 0;
  let unpricedAttempts = 0;
  for (const attempt of attempts) {
    if (attempt.costUsd === null) unpricedAttempts += 1;
    else costUsd += attempt.costUsd;
  }
  costUsd = roundUsd(costUsd);
  const answered = event.outcome === 'success' ? event.usage : undefined;
  const baselineCost =
    context.baseline === undefined ? null : roundUsd(baselineCostUsd(context.baseline, answered));
  const final = event.target;
  const { profile } = decision;

  return {
    version: LEDGER_RECORD_VERSION,
    timestamp: new Date(context.now()).toISOString(),
    requestId: event.requestId,
    outcome: event.outcome,
    errorCode: event.error?.code ?? null,
    model: context.model,
    stream: event.stream,
    task: profile.taskCategory,
    complexity: profile.complexity,
    privacy: profile.privacy,
    decision: {
      target: decision.target,
      tier: decision.tier,
      locality: decision.locality,
      decidedBy: decision.decidedBy ?? null,
      reasons: [...decision.reasons],
      fallbacks: decision.fallbacks.map((hop) => hop.target),
    },
    target: final?.target ?? null,
    backend: final?.backend ?? null,
    kind: final?.kind ?? null,
    servedModel: final?.model ?? null,
    tier: final?.tier ?? null,
    locality: final?.locality ?? null,
    attempts,
    retries: event.retries,
    fallbacks: event.fallbacks.map(({ from, to, cause }) => ({ from, to, cause })),
    escalations: event.escalations.map(({ from, to, reason }) => ({ from, to, reason })),
    validationFailures: event.validationFailures.map((failure) => ({
      target: failure.target,
      hop: failure.hop,
      retry: failure.retry,
      errorCount: failure.errors.length,
    })),
    skipped: event.skipped.map(({ target, reason }) => ({ target, reason })),
    tokens: {
      input: event.totalUsage.inputTokens,
      output: event.totalUsage.outputTokens,
      cachedInput: event.totalUsage.cachedInputTokens,
      reasoning: event.totalUsage.reasoningTokens,
    },
    costUsd,
    unpricedAttempts,
    baselineCostUsd: baselineCost,
    savingsUsd: baselineCost === null ? null : roundUsd(baselineCost - costUsd),
    latencyMs: event.timing.totalMs,
    ttftMs: event.timing.timeToFirstTokenMs ?? null,
  };
}

function ledgerAttemptOf(attempt: AttemptRecord, target: Target | undefined): LedgerAttempt {
  const cost = costOfCall(target, attempt.usage, attempt.latencyMs);
  return {
    target: attempt.target,
    backend: attempt.backend,
    kind: attempt.kind,
    model: attempt.model,
    tier: attempt.tier,
    locality: attempt.locality,
    hop: attempt.hop,
    retry: attempt.retry,
    status: attempt.status,
    errorCode: attempt.errorCode ?? null,
    rejectedBy: attempt.rejection?.by ?? null,
    latencyMs: attempt.latencyMs,
    ttftMs: attempt.ttftMs ?? null,
    inputTokens: attempt.usage?.inputTokens ?? 0,
    outputTokens: attempt.usage?.outputTokens ?? 0,
    cachedInputTokens: attempt.usage?.cachedInputTokens ?? 0,
    costUsd: cost.usd === null ? null : roundUsd(cost.usd),
    costBasis: cost.basis,
  };
}
