import { roundUsd } from '../cost/round-usd.js';
import type { Locality, Tier } from '../spec/target.js';
import { countsText } from './counts-text.js';
import type { LedgerRecord } from './ledger-record.js';
import { nearestRankPercentile } from './nearest-rank-percentile.js';

/** Nearest-rank p50 and p95 of some durations, in ms (`null` without any). */
export type LatencySummary = {
  readonly count: number;
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
};

/** The calls made to one target. */
export type TargetLedgerSummary = {
  readonly target: string;
  readonly locality: Locality;
  readonly tier: Tier;
  readonly calls: number;
  /** Calls that failed (`error`). */
  readonly failedCalls: number;
  /** Calls whose answer was turned down (validation, quality gate). */
  readonly rejectedCalls: number;
  /** Requests this target answered. */
  readonly answered: number;
  /** Wall clock of the calls that completed (answered or rejected). */
  readonly latency: LatencySummary;
  /** Time to first token of the streamed calls that reported one. */
  readonly ttft: LatencySummary;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** USD of its priced calls. */
  readonly costUsd: number;
  readonly unpricedCalls: number;
};

/** What a ledger says, from {@link summarizeLedger}. Rates and shares are fractions (0–1). */
export type LedgerSummary = {
  readonly requests: number;
  readonly successes: number;
  readonly errors: number;
  /** Failed requests by error code. */
  readonly errorCodes: Readonly<Record<string, number>>;
  /** Earliest and latest timestamp. */
  readonly from: string | null;
  readonly to: string | null;
  /** Successful requests answered by a local target, and their share of the successes. */
  readonly answeredLocally: number;
  readonly localShare: number | null;
  /** Share of the successes answered by each tier. */
  readonly tierShare: { readonly 1: number; readonly 2: number; readonly 3: number } | null;
  /** Requests with at least one fallback, and their share of all requests. */
  readonly requestsWithFallback: number;
  readonly fallbackRate: number | null;
  /** Fallbacks by cause (a request may fall back more than once). */
  readonly fallbackCauses: Readonly<Record<string, number>>;
  readonly retries: number;
  readonly validationFailures: number;
  readonly escalations: number;
  /** Whole requests, every attempt included. */
  readonly latency: LatencySummary;
  /** Streamed requests: time to the first token the caller got. */
  readonly ttft: LatencySummary;
  /** Busiest first. */
  readonly targets: readonly TargetLedgerSummary[];
  readonly tokens: {
    readonly input: number;
    readonly output: number;
    readonly cachedInput: number;
    readonly reasoning: number;
  };
  /** USD of every call, by where the target runs; unpriced calls are counted, not priced. */
  readonly spend: {
    readonly totalUsd: number;
    readonly localUsd: number;
    readonly cloudUsd: number;
    readonly unpricedCalls: number;
    readonly unpricedTargets: readonly string[];
  };
  /**
   * The requests that carry a baseline: what they would have cost there, what they did cost, and
   * the difference. `null` when no record has a baseline.
   */
  readonly baseline: {
    readonly requests: number;
    readonly baselineUsd: number;
    readonly spendUsd: number;
    readonly savingsUsd: number;
    /** Savings as a percentage of the baseline (`null` when the baseline is 0). */
    readonly savingsPercent: number | null;
  } | null;
  /** The threshold the fallback rate was checked against. */
  readonly fallbackAlertRate: number;
  /** One line per alert (empty when all is well). */
  readonly alerts: readonly string[];
};

/** Settings of {@link summarizeLedger}. */
export type SummarizeLedgerOptions = {
  /** Fallback rate above which an alert is raised (default 0.15: teams alarm at 15–20 %). */
  readonly fallbackAlertRate?: number;
};

type TargetAccumulator = {
  target: string;
  locality: Locality;
  tier: Tier;
  calls: number;
  failedCalls: number;
  rejectedCalls: number;
  answered: number;
  latencies: number[];
  ttfts: number[];
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  unpricedCalls: number;
};

/**
 * Summarises ledger records: outcomes, the share answered locally, the fallback rate (with an
 * alert above `fallbackAlertRate`), retries, validation failures, escalations, p50/p95 latency
 * and TTFT overall and per target, tokens, spend local vs cloud, and the savings against the
 * baseline.
 *
 * @example
 * const { records } = await readLedgerFile('switchyard-ledger.jsonl');
 * const summary = summarizeLedger(records, { fallbackAlertRate: 0.2 });
 * for (const alert of summary.alerts) console.error(`ALERT: ${alert}`);
 */
export function summarizeLedger(
  records: Iterable<LedgerRecord>,
  options: SummarizeLedgerOptions = {},
): LedgerSummary {
  const fallbackAlertRate = options.fallbackAlertRate ?? 0.15;
  if (!(fallbackAlertRate > 0 && fallbackAlertRate <= 1)) {
    throw new RangeError(`fallbackAlertRate must be in (0, 1], got ${fallbackAlertRate}`);
  }
  let requests = 0;
  let successes = 0;
  let answeredLocally = 0;
  const answeredByTier = { 1: 0, 2: 0, 3: 0 };
  const errorCodes: Record<string, number> = {};
  const fallbackCauses: Record<string, number> = {};
  let requestsWithFallback = 0;
  let retries = 0;
  let validationFailures = 0;
  let escalations = 0;
  const latencies: number[] = [];
  const ttfts: number[] = [];
  const tokens = { input: 0, output: 0, cachedInput: 0, reasoning: 0 };
  const spend = { totalUsd: 0, localUsd: 0, cloudUsd: 0, unpricedCalls: 0 };
  const unpricedTargets = new Set<string>();
  const baseline = { requests: 0, baselineUsd: 0, spendUsd: 0 };
  const targets = new Map<string, TargetAccumulator>();
  let from: string | null = null;
  let to: string | null = null;

  for (const record of records) {
    requests += 1;
    if (from === null || record.timestamp < from) from = record.timestamp;
    if (to === null || record.timestamp > to) to = record.timestamp;
    if (record.outcome === 'success') {
      successes += 1;
      if (record.locality === 'local') answeredLocally += 1;
      if (record.tier !== null) answeredByTier[record.tier] += 1;
    } else {
      const code = record.errorCode ?? 'unknown';
      errorCodes[code] = (errorCodes[code] ?? 0) + 1;
    }
    if (record.fallbacks.length > 0) requestsWithFallback += 1;
    for (const fallback of record.fallbacks) {
      fallbackCauses[fallback.cause] = (fallbackCauses[fallback.cause] ?? 0) + 1;
    }
    retries += record.retries;
    validationFailures += record.validationFailures.length;
    escalations += record.escalations.length;
    latencies.push(record.latencyMs);
    if (record.ttftMs !== null) ttfts.push(record.ttftMs);
    tokens.input += record.tokens.input;
    tokens.output += record.tokens.output;
    tokens.cachedInput += record.tokens.cachedInput;
    tokens.reasoning += record.tokens.reasoning;
    if (record.baselineCostUsd !== null) {
      baseline.requests += 1;
      baseline.baselineUsd += record.baselineCostUsd;
      baseline.spendUsd += record.costUsd;
    }
    for (const attempt of record.attempts) {
      let target = targets.get(attempt.target);
      if (target === undefined) {
        target = {
          target: attempt.target,
          locality: attempt.locality,
          tier: attempt.tier,
          calls: 0,
          failedCalls: 0,
          rejectedCalls: 0,
          answered: 0,
          latencies: [],
          ttfts: [],
          inputTokens: 0,
          outputTokens: 0,
          costUsd: 0,
          unpricedCalls: 0,
        };
        targets.set(attempt.target, target);
      }
      target.calls += 1;
      if (attempt.status === 'error') target.failedCalls += 1;
      else target.latencies.push(attempt.latencyMs);
      if (attempt.status === 'rejected') target.rejectedCalls += 1;
      if (attempt.ttftMs !== null) target.ttfts.push(attempt.ttftMs);
      target.inputTokens += attempt.inputTokens;
      target.outputTokens += attempt.outputTokens;
      if (attempt.costUsd === null) {
        target.unpricedCalls += 1;
        spend.unpricedCalls += 1;
        unpricedTargets.add(attempt.target);
      } else {
        target.costUsd += attempt.costUsd;
        spend.totalUsd += attempt.costUsd;
        if (attempt.locality === 'local') spend.localUsd += attempt.costUsd;
        else spend.cloudUsd += attempt.costUsd;
      }
    }
    if (record.outcome === 'success' && record.target !== null) {
      const answeredBy = targets.get(record.target);
      if (answeredBy !== undefined) answeredBy.answered += 1;
    }
  }

  const fallbackRate = requests === 0 ? null : requestsWithFallback / requests;
  const alerts: string[] = [];
  if (fallbackRate !== null && fallbackRate > fallbackAlertRate) {
    alerts.push(
      `fallback rate ${percentText(fallbackRate)} is above the ${percentText(fallbackAlertRate)} alert threshold ` +
        `(${requestsWithFallback} of ${requests} requests fell back; ${countsText(fallbackCauses)}): ` +
        'a local server is likely sick or overloaded',
    );
  }
  const savingsUsd = roundUsd(baseline.baselineUsd - baseline.spendUsd);

  return {
    requests,
    successes,
    errors: requests - successes,
    errorCodes,
    from,
    to,
    answeredLocally,
    localShare: successes === 0 ? null : answeredLocally / successes,
    tierShare:
      successes === 0
        ? null
        : {
            1: answeredByTier[1] / successes,
            2: answeredByTier[2] / successes,
            3: answeredByTier[3] / successes,
          },
    requestsWithFallback,
    fallbackRate,
    fallbackCauses,
    retries,
    validationFailures,
    escalations,
    latency: latencySummaryOf(latencies),
    ttft: latencySummaryOf(ttfts),
    targets: [...targets.values()]
      .sort((left, right) => right.calls - left.calls || left.target.localeCompare(right.target))
      .map(({ latencies: targetLatencies, ttfts: targetTtfts, costUsd, ...target }) => ({
        ...target,
        latency: latencySummaryOf(targetLatencies),
        ttft: latencySummaryOf(targetTtfts),
        costUsd: roundUsd(costUsd),
      })),
    tokens,
    spend: {
      totalUsd: roundUsd(spend.totalUsd),
      localUsd: roundUsd(spend.localUsd),
      cloudUsd: roundUsd(spend.cloudUsd),
      unpricedCalls: spend.unpricedCalls,
      unpricedTargets: [...unpricedTargets].sort(),
    },
    baseline:
      baseline.requests === 0
        ? null
        : {
            requests: baseline.requests,
            baselineUsd: roundUsd(baseline.baselineUsd),
            spendUsd: roundUsd(baseline.spendUsd),
            savingsUsd,
            savingsPercent: baseline.baselineUsd > 0 ? (savingsUsd / baseline.baselineUsd) * 100 : null,
          },
    fallbackAlertRate,
    alerts,
  };
}

function latencySummaryOf(values: readonly number[]): LatencySummary {
  return {
    count: values.length,
    p50Ms: nearestRankPercentile(values, 50),
    p95Ms: nearestRankPercentile(values, 95),
  };
}

function percentText(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}
