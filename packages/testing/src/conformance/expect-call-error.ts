import { BackendCallError, type BackendErrorCode, type BackendErrorPhase } from '@switchyard/core';
import { findSecretLeaks } from './find-secret-leaks.js';
import type { VitestApi } from './vitest-api.js';

/** What a classified failure must look like; unset fields are not checked. */
export type CallErrorExpectation = {
  readonly code?: BackendErrorCode;
  readonly phase?: BackendErrorPhase | readonly BackendErrorPhase[];
  readonly isRetryable?: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;
  /** Secrets that must appear nowhere in the error. */
  readonly secrets?: readonly string[];
  /** The backend id the error must name. */
  readonly backend?: string;
};

/**
 * Asserts that `error` is a `BackendCallError` as expected, with a non-empty message and no
 * secret anywhere in it. Returns it typed.
 *
 * @example
 * expectCallError(expect, error, { code: 'rate-limited', isRetryable: true, retryAfterMs: 2000 });
 */
export function expectCallError(
  expect: VitestApi['expect'],
  error: unknown,
  expected: CallErrorExpectation,
): BackendCallError {
  if (!BackendCallError.isInstance(error)) {
    const description = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    expect.unreachable(`expected a BackendCallError (${expected.code ?? 'any code'}), got ${description}`);
  }
  const summary = `${error.code}/${error.phase}: ${error.message}`;
  if (expected.code !== undefined) expect(error.code, summary).toBe(expected.code);
  if (expected.phase !== undefined) {
    const phases = typeof expected.phase === 'string' ? [expected.phase] : expected.phase;
    expect(phases, summary).toContain(error.phase);
  }
  if (expected.isRetryable !== undefined) expect(error.isRetryable, summary).toBe(expected.isRetryable);
  if (expected.status !== undefined) expect(error.status, summary).toBe(expected.status);
  if (expected.retryAfterMs !== undefined) expect(error.retryAfterMs, summary).toBe(expected.retryAfterMs);
  if (expected.backend !== undefined) expect(error.backend, summary).toBe(expected.backend);
  expect(error.message.trim(), 'the error message is empty').not.toBe('');
  expect(findSecretLeaks(error, expected.secrets ?? [])).toEqual([]);
  return error;
}
