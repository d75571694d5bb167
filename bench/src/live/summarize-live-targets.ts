import { type AttemptRecord, type CostBasis, costOfCall, roundUsd, type Target } from '@switchyard/core';
import { type LivePercentiles, livePercentiles, rate } from './live-percentiles.js';
import type { LiveRequestRecord } from './live-request-record.js';
import { tally } from './tally.js';

/** What the live bench measured on one target. */
export type LiveTargetSummary = {
  readonly target: string;
  readonly kind: Target['kind'];
  readonly locality: Target['locality'];
  readonly tier: Target['tier'];
  readonly model: string;
  /** Requests whose routing decision put this target first (compare: every request sent to it). */
  readonly requests: number;
  /** Requests this target answered (fallbacks from other targets included). */
  readonly answered: number;
  /** Of `answered`, answers cut at the output cap (`finish_reason: length`). */
  readonly truncated: number;
  /** Of `requests`, those that failed in the end (after retries and fallbacks). */
  readonly failed: number;
  /** failed ÷ requests: the error rate a caller saw. */
  readonly errorRate: number | null;
  readonly errorsByCode: Readonly<Record<string, number>>;
  /** Of `requests`, those that left this target for a fallback hop. */
  readonly fellBack: number;
  /** fellBack ÷ requests. */
  readonly fallbackRate: number | null;
  /** Calls made to this target (retries and fallbacks from others included). */
  readonly calls: number;
  readonly callErrors: number;
  /** callErrors ÷ calls: how often a call to this target failed. */
  readonly callErrorRate: number | null;
  readonly callErrorsByCode: Readonly<Record<string, number>>;
  /**
   * Wall clock of this target's calls that returned an answer (turned down by validation or not),
   * in ms: from the call to the last byte; a wait for a `maxConcurrency` slot is not included.
   */
  readonly latencyMs: LivePercentiles | null;
  /** Time to the first content token of those calls that streamed, in ms. */
  readonly ttftMs: LivePercentiles | null;
  /**
   * Output tokens per second of each of those calls: output tokens ÷ the call's wall clock,
   * after the first token for streams (the decoding phase), the whole call otherwise.
   */
  readonly outputTokensPerSecond: LivePercentiles | null;
  /** Tokens of the calls that reported usage (rejected answers included). */
  readonly tokens: { readonly input: number; readonly output: number };
  /** Structured-output requests (`response_format` JSON) this target dealt with. */
  readonly structured: {
    /** Answers it returned to structured requests. */
    readonly answers: number;
    /** Of those, valid for the request's schema (ajv). */
    readonly valid: number;
    readonly validRate: number | null;
    /** Its calls on structured requests that returned an answer (accepted or turned down). */
    readonly calls: number;
    /** Of those, answers the executor turned down as invalid (then retried or escalated). */
    readonly rejectedCalls: number;
    /** Share of its answers that were valid at the first try: (calls − rejectedCalls) ÷ calls. */
    readonly firstTryValidRate: number | null;
    /** Up to three different reasons its answers were invalid (the validator's first line). */
    readonly invalidExamples: readonly string[];
  } | null;
  /**
   * Cost of every call to this target with core's `costOfCall` (the provider's own figure, per-token
   * prices × tokens, or the GPU hourly rate × the call's wall clock — which over-states each call's
   * share when calls overlap). `usd` is null when no call was priced.
   */
  readonly cost: {
    readonly usd: number | null;
    readonly basis: readonly CostBasis[];
    /** usd ÷ answered. */
    readonly perAnswerUsd: number | null;
    readonly unpricedCalls: number;
  };
};

/**
 * Per-target figures of a live run, for the given targets (in their order), from the request
 * records and the executor's attempt records.
 *
 * @example
 * const summaries = summarizeLiveTargets(records, config.targets.filter((target) => used.has(target.id)));
 */
export function summarizeLiveTargets(
  records: readonly LiveRequestRecord[],
  targets: readonly Target[],
): LiveTargetSummary[] {
  return targets.map((target) => summarizeTarget(records, target));
}

function summarizeTarget(records: readonly LiveRequestRecord[], target: Target): LiveTargetSummary {
  const id = target.id;
  const primary = records.filter((record) => record.outcome !== 'cut' && record.primary === id);
  const failedRecords = primary.filter((record) => record.outcome === 'error');
  const answered = records.filter((record) => record.outcome === 'ok' && record.answeredBy === id);
  const attempts: { attempt: AttemptRecord; record: LiveRequestRecord }[] = [];
  for (const record of records) {
    for (const attempt of record.attempts) if (attempt.target === id) attempts.push({ attempt, record });
  }
  // Calls that returned an answer, accepted or turned down: the target did the work either way.
  const completedCalls = attempts.filter(({ attempt }) => attempt.status !== 'error');
  const errorCalls = attempts.filter(({ attempt }) => attempt.status === 'error');
  const structuredCalls = attempts.filter(
    ({ attempt, record }) => record.kind === 'structured-output' && attempt.status !== 'error',
  );
  const rejectedCalls = structuredCalls.filter(({ attempt }) => attempt.rejection?.by === 'validation');
  const structuredAnswers = answered.filter((record) => record.structured !== undefined);

  let input = 0;
  let output = 0;
  let usd = 0;
  let unpricedCalls = 0;
  const bases = new Set<CostBasis>();
  for (const { attempt } of attempts) {
    input += attempt.usage?.inputTokens ?? 0;
    output += attempt.usage?.outputTokens ?? 0;
    const cost = costOfCall(target, attempt.usage, attempt.latencyMs);
    bases.add(cost.basis);
    if (cost.usd === null) unpricedCalls += 1;
    else usd += cost.usd;
  }
  const priced = attempts.length > unpricedCalls;

  return {
    target: id,
    kind: target.kind,
    locality: target.locality,
    tier: target.tier,
    model: target.model,
    requests: primary.length,
    answered: answered.length,
    truncated: answered.filter((record) => record.finishReason === 'length').length,
    failed: failedRecords.length,
    errorRate: rate(failedRecords.length, primary.length),
    errorsByCode: tally(failedRecords.map((record) => record.errorCode ?? 'unknown')),
    fellBack: primary.filter((record) => record.fallbacks > 0).length,
    fallbackRate: rate(primary.filter((record) => record.fallbacks > 0).length, primary.length),
    calls: attempts.length,
    callErrors: errorCalls.length,
    callErrorRate: rate(errorCalls.length, attempts.length),
    callErrorsByCode: tally(errorCalls.map(({ attempt }) => attempt.errorCode ?? 'unknown')),
    latencyMs: livePercentiles(completedCalls.map(({ attempt }) => attempt.latencyMs)),
    ttftMs: livePercentiles(
      completedCalls.flatMap(({ attempt }) =>
        attempt.stream && attempt.ttftMs !== undefined ? [attempt.ttftMs] : [],
      ),
    ),
    outputTokensPerSecond: livePercentiles(completedCalls.flatMap(({ attempt }) => tokensPerSecond(attempt))),
    tokens: { input, output },
    structured:
      structuredCalls.length === 0 && structuredAnswers.length === 0
        ? null
        : {
            answers: structuredAnswers.length,
            valid: structuredAnswers.filter((record) => record.structured?.valid === true).length,
            validRate: rate(
              structuredAnswers.filter((record) => record.structured?.valid === true).length,
              structuredAnswers.length,
            ),
            calls: structuredCalls.length,
            rejectedCalls: rejectedCalls.length,
            firstTryValidRate: rate(structuredCalls.length - rejectedCalls.length, structuredCalls.length),
            invalidExamples: distinctExamples([
              ...rejectedCalls.map(({ attempt }) => attempt.rejection?.reason ?? ''),
              ...structuredAnswers.flatMap((record) =>
                record.structured?.valid === false ? [record.structured.errors[0] ?? ''] : [],
              ),
            ]),
          },
    cost: {
      usd: priced ? roundUsd(usd) : null,
      basis: [...bases].sort(),
      perAnswerUsd: priced && answered.length > 0 ? roundUsd(usd / answered.length) : null,
      unpricedCalls,
    },
  };
}

/** Up to three reasons, first lines only, one per shape (numbers such as positions ignored). */
function distinctExamples(reasons: readonly string[]): string[] {
  const examples = new Map<string, string>();
  for (const reason of reasons) {
    const line = reason.split('\n')[0] ?? '';
    const shape = line.replace(/\d+/g, '#');
    if (!examples.has(shape)) examples.set(shape, line.length > 160 ? `${line.slice(0, 159)}…` : line);
  }
  return [...examples.values()].slice(0, 3);
}

function tokensPerSecond(attempt: AttemptRecord): number[] {
  const outputTokens = attempt.usage?.outputTokens ?? 0;
  const decodingMs = attempt.latencyMs - (attempt.stream ? (attempt.ttftMs ?? 0) : 0);
  if (outputTokens <= 0 || !(decodingMs > 0)) return [];
  return [outputTokens / (decodingMs / 1000)];
}
