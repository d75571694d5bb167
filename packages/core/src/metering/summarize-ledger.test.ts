import { describe, expect, test } from 'vitest';
import { ledgerAttemptOf, ledgerRecordOf } from './__fixtures__/ledger-record-of.js';
import type { LedgerAttempt, LedgerRecord } from './ledger-record.js';
import { summarizeLedger } from './summarize-ledger.js';

const local = (overrides: Partial<LedgerAttempt> = {}) =>
  ledgerAttemptOf({ target: 'llama-8b', ...overrides });
const cloud = (overrides: Partial<LedgerAttempt> = {}) =>
  ledgerAttemptOf({ target: 'gpt-4o', tier: 3, locality: 'cloud', costBasis: 'per-token', ...overrides });

/**
 * Ten requests: 7 answered locally with latencies 100…700 ms, 2 that fell back to the cloud
 * (one timeout, one circuit-open), 1 error. Fallback rate 2/10.
 */
function tenRequests(): LedgerRecord[] {
  const records: LedgerRecord[] = [];
  for (let index = 1; index <= 7; index += 1) {
    records.push(
      ledgerRecordOf({
        requestId: `local-${index}`,
        timestamp: `2026-03-01T12:00:0${index}.000Z`,
        attempts: [local({ latencyMs: index * 100, inputTokens: 100, outputTokens: 10, costUsd: 0.0001 })],
        tokens: { input: 100, output: 10, cachedInput: 0, reasoning: 0 },
        baselineCostUsd: 0.00035,
        savingsUsd: 0.00025,
      }),
    );
  }
  records.push(
    ledgerRecordOf({
      requestId: 'fell-back-timeout',
      timestamp: '2026-03-01T11:59:00.000Z',
      stream: true,
      attempts: [
        local({ status: 'error', errorCode: 'timeout', latencyMs: 30_000, costUsd: 0.006 }),
        cloud({
          hop: 1,
          latencyMs: 2000,
          ttftMs: 400,
          inputTokens: 1000,
          outputTokens: 200,
          costUsd: 0.0045,
        }),
      ],
      fallbacks: [{ from: 'llama-8b', to: 'gpt-4o', cause: 'timeout' }],
      retries: 1,
      ttftMs: 30_400,
      tokens: { input: 1000, output: 200, cachedInput: 400, reasoning: 0 },
      baselineCostUsd: 0.0045,
      savingsUsd: -0.006,
    }),
    ledgerRecordOf({
      requestId: 'fell-back-circuit',
      timestamp: '2026-03-01T12:30:00.000Z',
      stream: true,
      attempts: [cloud({ hop: 1, latencyMs: 1500, ttftMs: 300, costUsd: 0.003 })],
      fallbacks: [{ from: 'llama-8b', to: 'gpt-4o', cause: 'circuit-open' }],
      ttftMs: 300,
      validationFailures: [{ target: 'gpt-4o', hop: 1, retry: 0, errorCount: 2 }],
      escalations: [{ from: 'llama-8b', to: 'gpt-4o', reason: 'invalid-output' }],
      baselineCostUsd: 0.003,
      savingsUsd: 0,
    }),
    ledgerRecordOf({
      requestId: 'failed',
      outcome: 'error',
      errorCode: 'unavailable',
      attempts: [
        ledgerAttemptOf({
          target: 'qwen-14b',
          tier: 2,
          status: 'error',
          errorCode: 'unavailable',
          latencyMs: 50,
          costUsd: null,
          costBasis: 'unpriced',
        }),
      ],
      baselineCostUsd: 0,
      savingsUsd: 0,
    }),
  );
  return records;
}

describe('summarizeLedger', () => {
  const summary = summarizeLedger(tenRequests());

  test('counts outcomes and the share answered locally', () => {
    expect(summary).toMatchObject({
      requests: 10,
      successes: 9,
      errors: 1,
      errorCodes: { unavailable: 1 },
      from: '2026-03-01T11:59:00.000Z',
      to: '2026-03-01T12:30:00.000Z',
      answeredLocally: 7,
    });
    expect(summary.localShare).toBeCloseTo(7 / 9, 12);
    expect(summary.tierShare?.[1]).toBeCloseTo(7 / 9, 12);
    expect(summary.tierShare?.[3]).toBeCloseTo(2 / 9, 12);
    expect(summary.tierShare?.[2]).toBe(0);
  });

  test('counts fallbacks, retries, validation failures and escalations', () => {
    expect(summary).toMatchObject({
      requestsWithFallback: 2,
      fallbackRate: 0.2,
      fallbackCauses: { timeout: 1, 'circuit-open': 1 },
      retries: 1,
      validationFailures: 1,
      escalations: 1,
    });
  });

  test('p50/p95 latency over requests, TTFT over streams', () => {
    // Request latencies: 50, 100…700, 1500, 32 000 → p50 = 5th of 10 = 400; p95 = 10th = 32 000.
    expect(summary.latency).toEqual({ count: 10, p50Ms: 400, p95Ms: 32_000 });
    expect(summary.ttft).toEqual({ count: 2, p50Ms: 300, p95Ms: 30_400 });
  });

  test('per target: calls, failures, latency of completed calls, TTFT, tokens and cost', () => {
    expect(summary.targets.map((target) => target.target)).toEqual(['llama-8b', 'gpt-4o', 'qwen-14b']);
    const [llama, gpt, qwen] = summary.targets;
    expect(llama).toMatchObject({
      calls: 8,
      failedCalls: 1,
      answered: 7,
      // The 30 s timeout is a failure, not a latency sample: 100…700 → p50 400, p95 700.
      latency: { count: 7, p50Ms: 400, p95Ms: 700 },
      ttft: { count: 0, p50Ms: null, p95Ms: null },
      inputTokens: 700,
      costUsd: 0.0067,
    });
    expect(gpt).toMatchObject({
      calls: 2,
      answered: 2,
      latency: { count: 2, p50Ms: 1500, p95Ms: 2000 },
      ttft: { count: 2, p50Ms: 300, p95Ms: 400 },
      costUsd: 0.0075,
    });
    expect(qwen).toMatchObject({ calls: 1, failedCalls: 1, answered: 0, unpricedCalls: 1, costUsd: 0 });
  });

  test('tokens, spend local vs cloud, and savings that add up', () => {
    expect(summary.tokens).toEqual({ input: 1700, output: 270, cachedInput: 400, reasoning: 0 });
    expect(summary.spend).toEqual({
      totalUsd: 0.0142,
      localUsd: 0.0067,
      cloudUsd: 0.0075,
      unpricedCalls: 1,
      unpricedTargets: ['qwen-14b'],
    });
    // Baseline 7 × 0.00035 + 0.0045 + 0.003 = 0.00995; spent 0.0142 → 0.00425 lost.
    expect(summary.baseline).toMatchObject({
      requests: 10,
      baselineUsd: 0.00995,
      spendUsd: 0.0142,
      savingsUsd: -0.00425,
    });
    expect(summary.baseline?.savingsPercent).toBeCloseTo((-0.00425 / 0.00995) * 100, 9);
  });

  test.each<[string, number | undefined, string[]]>([
    [
      'alerts above the default 15 %',
      undefined,
      [
        'fallback rate 20.0% is above the 15.0% alert threshold (2 of 10 requests fell back; ' +
          'circuit-open 1, timeout 1): a local server is likely sick or overloaded',
      ],
    ],
    ['no alert at a threshold equal to the rate', 0.2, []],
    ['no alert under a higher threshold', 0.25, []],
  ])('%s', (_name, fallbackAlertRate, alerts) => {
    const result = summarizeLedger(
      tenRequests(),
      fallbackAlertRate === undefined ? {} : { fallbackAlertRate },
    );
    expect(result.alerts).toEqual(alerts);
  });

  test('an empty ledger has no rates and no alert', () => {
    expect(summarizeLedger([])).toMatchObject({
      requests: 0,
      localShare: null,
      fallbackRate: null,
      baseline: null,
      latency: { count: 0, p50Ms: null, p95Ms: null },
      alerts: [],
    });
  });

  test('records without a baseline leave the savings out', () => {
    const result = summarizeLedger([ledgerRecordOf({ attempts: [local({ costUsd: 0.001 })] })]);
    expect(result.baseline).toBeNull();
  });

  test.each([0, -0.1, 1.5, Number.NaN])('rejects the alert rate %d', (fallbackAlertRate) => {
    expect(() => summarizeLedger([], { fallbackAlertRate })).toThrow('fallbackAlertRate must be in (0, 1]');
  });
});
