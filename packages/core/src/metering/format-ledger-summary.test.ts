import { describe, expect, test } from 'vitest';
import { ledgerAttemptOf, ledgerRecordOf } from './__fixtures__/ledger-record-of.js';
import { formatLedgerSummary } from './format-ledger-summary.js';
import { summarizeLedger } from './summarize-ledger.js';

describe('formatLedgerSummary', () => {
  test('prints the headline figures, a target table, notes and alerts', () => {
    const records = [
      ledgerRecordOf({
        requestId: 'a',
        attempts: [
          ledgerAttemptOf({
            target: 'llama-8b',
            latencyMs: 800,
            inputTokens: 1200,
            outputTokens: 80,
            costUsd: 0.00016,
          }),
        ],
        tokens: { input: 1200, output: 80, cachedInput: 0, reasoning: 0 },
        baselineCostUsd: 0.0038,
        savingsUsd: 0.00364,
      }),
      ledgerRecordOf({
        requestId: 'b',
        timestamp: '2026-03-01T13:00:00.000Z',
        stream: true,
        ttftMs: 12_400,
        attempts: [
          ledgerAttemptOf({
            target: 'qwen-14b',
            tier: 2,
            status: 'error',
            errorCode: 'timeout',
            latencyMs: 12_000,
            costUsd: null,
            costBasis: 'unpriced',
          }),
          ledgerAttemptOf({
            target: 'gpt-4o',
            tier: 3,
            locality: 'cloud',
            latencyMs: 1_500,
            ttftMs: 400,
            inputTokens: 1000,
            outputTokens: 100,
            costUsd: 0.0035,
            costBasis: 'per-token',
          }),
        ],
        fallbacks: [{ from: 'qwen-14b', to: 'gpt-4o', cause: 'timeout' }],
        tokens: { input: 1000, output: 100, cachedInput: 0, reasoning: 0 },
        baselineCostUsd: 0.0035,
        savingsUsd: 0,
      }),
    ];
    expect(formatLedgerSummary(summarizeLedger(records))).toBe(
      [
        'ledger: 2 requests, 2026-03-01T12:00:00.000Z → 2026-03-01T13:00:00.000Z',
        '',
        'requests     2 answered (100.0%), 0 failed',
        'local share  50.0% answered locally (1 of 2) · tier 1 50.0% · tier 2 0.0% · tier 3 50.0%',
        'fallbacks    50.0% of requests (1): timeout 1; alert above 15.0%',
        'retries      0 · validation failures 0 · escalations 0',
        'latency      p50 800 ms · p95 13.5 s (2 requests)',
        'TTFT         p50 12.4 s · p95 12.4 s (1 stream)',
        'tokens       2,200 in (0 cached) · 180 out',
        'spend        $0.00366 total · local $0.000160 · cloud $0.00350',
        'savings      $0.00364 (49.9%) vs $0.00730 at the baseline (2 requests)',
        '',
        'target    where  tier  calls  failed  rejected  answered  p50 ms  p95 ms  TTFT p50  TTFT p95  tokens in  tokens out       cost',
        'gpt-4o    cloud     3      1       0         0         1   1,500   1,500       400       400      1,000         100   $0.00350',
        'llama-8b  local     1      1       0         0         1     800     800         -         -      1,200          80  $0.000160',
        'qwen-14b  local     2      1       1         0         0       -       -         -         -          0           0   unpriced',
        '',
        'note: 1 call on targets without a price (qwen-14b): spend is incomplete; give them a price',
        '',
        'ALERT: fallback rate 50.0% is above the 15.0% alert threshold (1 of 2 requests fell back; timeout 1): a local server is likely sick or overloaded',
        '',
      ].join('\n'),
    );
  });

  test('says so for an empty ledger', () => {
    expect(formatLedgerSummary(summarizeLedger([]))).toBe('ledger: no requests recorded\n');
  });

  test('says how to get savings without a baseline', () => {
    const text = formatLedgerSummary(
      summarizeLedger([ledgerRecordOf({ attempts: [ledgerAttemptOf({ target: 'llama-8b' })] })]),
    );
    expect(text).toContain(
      'savings      no baseline (set metering.baselineTarget or metering.baselinePrice)',
    );
    expect(text).not.toContain('ALERT');
  });
});
