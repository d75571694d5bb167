import type { LedgerAttempt, LedgerRecord } from '../ledger-record.js';

/** A ledger attempt: an ok local call of 1 s with no tokens or cost, unless overridden. */
export function ledgerAttemptOf(overrides: Partial<LedgerAttempt> & { target: string }): LedgerAttempt {
  return {
    backend: 'backend',
    kind: 'ollama',
    model: 'model',
    tier: 1,
    locality: 'local',
    hop: 0,
    retry: 0,
    status: 'ok',
    errorCode: null,
    rejectedBy: null,
    latencyMs: 1000,
    ttftMs: null,
    inputTokens: 0,
    outputTokens: 0,
    cachedInputTokens: 0,
    costUsd: 0,
    costBasis: 'gpu-hourly',
    ...overrides,
  };
}

/**
 * A ledger record answered by its only attempt's target, unless overridden: the final target,
 * tier and locality follow the last attempt.
 */
export function ledgerRecordOf(
  overrides: Partial<LedgerRecord> & { attempts: LedgerAttempt[] },
): LedgerRecord {
  const last = overrides.attempts.at(-1);
  return {
    version: 1,
    timestamp: '2026-03-01T12:00:00.000Z',
    requestId: 'request',
    outcome: 'success',
    errorCode: null,
    model: 'auto',
    stream: false,
    task: 'chat',
    complexity: 'simple',
    privacy: 'any',
    decision: {
      target: overrides.attempts[0]?.target ?? 'none',
      tier: 1,
      locality: 'local',
      decidedBy: null,
      reasons: [],
      fallbacks: [],
    },
    target: last?.target ?? null,
    backend: last?.backend ?? null,
    kind: last?.kind ?? null,
    servedModel: last?.model ?? null,
    tier: last?.tier ?? null,
    locality: last?.locality ?? null,
    retries: 0,
    fallbacks: [],
    escalations: [],
    validationFailures: [],
    skipped: [],
    tokens: { input: 0, output: 0, cachedInput: 0, reasoning: 0 },
    costUsd: overrides.attempts.reduce((sum, attempt) => sum + (attempt.costUsd ?? 0), 0),
    unpricedAttempts: overrides.attempts.filter((attempt) => attempt.costUsd === null).length,
    baselineCostUsd: null,
    savingsUsd: null,
    latencyMs: overrides.attempts.reduce((sum, attempt) => sum + attempt.latencyMs, 0),
    ttftMs: null,
    ...overrides,
  };
}
