import { describe, expect, it } from 'vitest';
import { BackendCallError, type BackendErrorCode } from '../errors/backend-call-error.js';
import { errorAction } from './error-action.js';
import { resolveExecutionOptions } from './execution-options.js';
import { retryDelay } from './retry-delay.js';

const options = resolveExecutionOptions(undefined);

function error(
  code: BackendErrorCode,
  extra: { retryAfterMs?: number; isRetryable?: boolean } = {},
): BackendCallError {
  return new BackendCallError({ message: code, code, backend: 'b', phase: 'headers', ...extra });
}

describe('retryDelay', () => {
  it.each([
    { name: 'first retry, no jitter draw', retry: 0, random: 0, delay: 500 },
    { name: 'first retry, most jitter', retry: 0, random: 1, delay: 375 },
    { name: 'second retry', retry: 1, random: 0, delay: 1_000 },
    { name: 'fifth retry is capped at 8 s', retry: 5, random: 0, delay: 8_000 },
    { name: 'capped, with jitter', retry: 9, random: 0.5, delay: 7_000 },
  ])('$name → $delay ms', ({ retry, random, delay }) => {
    expect(retryDelay(error('overloaded'), retry, options, () => random)).toBe(delay);
  });

  it.each([
    { retryAfterMs: 0, delay: 0 },
    { retryAfterMs: 2_500, delay: 2_500 },
    { retryAfterMs: 60_000, delay: 60_000 },
    { retryAfterMs: 60_001, delay: undefined },
  ])('honours Retry-After $retryAfterMs ms up to 60 s → $delay', ({ retryAfterMs, delay }) => {
    expect(retryDelay(error('rate-limited', { retryAfterMs }), 3, options, () => 0.9)).toBe(delay);
  });

  it('uses exact delays when jitter is off', () => {
    const noJitter = resolveExecutionOptions({
      backoff: { jitter: false, initialDelayMs: 100, multiplier: 3 },
    });
    expect([0, 1, 2].map((retry) => retryDelay(error('network'), retry, noJitter, () => 0.99))).toEqual([
      100, 300, 900,
    ]);
  });
});

describe('errorAction', () => {
  it.each<{ code: BackendErrorCode; isRetryable?: boolean; action: string }>([
    { code: 'rate-limited', action: 'retry' },
    { code: 'overloaded', action: 'retry' },
    { code: 'unavailable', action: 'retry' },
    { code: 'timeout', action: 'retry' },
    { code: 'network', action: 'retry' },
    { code: 'timeout', isRetryable: false, action: 'fail-over' },
    { code: 'quota-exhausted', action: 'fail-over' },
    { code: 'model-not-found', action: 'fail-over' },
    { code: 'unsupported', action: 'fail-over' },
    { code: 'invalid-output', action: 'fail-over' },
    { code: 'unknown', action: 'fail-over' },
    { code: 'context-length-exceeded', action: 're-route' },
    { code: 'invalid-request', action: 'stop' },
    { code: 'unauthorized', action: 'stop' },
  ])('$code (retryable: $isRetryable) → $action', ({ code, isRetryable, action }) => {
    expect(errorAction(error(code, isRetryable === undefined ? {} : { isRetryable }))).toBe(action);
  });
});
