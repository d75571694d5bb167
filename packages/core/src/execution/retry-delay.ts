import type { BackendCallError } from '../errors/backend-call-error.js';
import type { ResolvedExecutionOptions } from './execution-options.js';

/**
 * How long to wait before retrying the same target, in ms — or `undefined` when the wait the
 * server asked for (Retry-After) is longer than `maxRetryAfterMs`, so failing over now is better.
 * Without Retry-After it is openai-node's rule: `initialDelayMs × multiplier^retry`, capped at
 * `maxDelayMs`, then shortened by up to 25 % at random (`× (1 − random × 0.25)`) when jitter is on.
 *
 * @example
 * retryDelay(overloaded, 0, options, Math.random); // 375–500 ms with the defaults
 * retryDelay(rateLimitedWithRetryAfter2s, 0, options, Math.random); // 2000
 */
export function retryDelay(
  error: BackendCallError,
  retry: number,
  options: Pick<ResolvedExecutionOptions, 'backoff' | 'maxRetryAfterMs'>,
  random: () => number,
): number | undefined {
  if (error.retryAfterMs !== undefined && error.retryAfterMs >= 0) {
    return error.retryAfterMs > options.maxRetryAfterMs ? undefined : error.retryAfterMs;
  }
  const { initialDelayMs, maxDelayMs, multiplier, jitter } = options.backoff;
  const delay = Math.min(initialDelayMs * multiplier ** retry, maxDelayMs);
  return jitter ? delay * (1 - random() * 0.25) : delay;
}
