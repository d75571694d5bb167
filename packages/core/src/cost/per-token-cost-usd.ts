import type { NormalizedUsage } from '../spec/backend.js';
import type { PerTokenPrice } from './per-token-price.js';

/**
 * USD for a call's tokens at a per-token price. `usage.inputTokens` includes the cached input
 * tokens (as OpenAI's `prompt_tokens` does); those are billed at `cachedInputPerMillionUsd` when
 * the price has one, else at the input rate:
 * (input − cached) × input + cached × cached input + output × output, per 1M tokens.
 *
 * @example
 * perTokenCostUsd(
 *   { type: 'per-token', inputPerMillionUsd: 2.5, cachedInputPerMillionUsd: 1.25, outputPerMillionUsd: 10 },
 *   { inputTokens: 1000, cachedInputTokens: 400, outputTokens: 500, reasoningTokens: 0 },
 * ); // 0.0015 + 0.0005 + 0.005 = 0.007
 */
export function perTokenCostUsd(
  price: PerTokenPrice,
  usage: Pick<NormalizedUsage, 'inputTokens' | 'outputTokens' | 'cachedInputTokens'>,
): number {
  const cached = Math.min(Math.max(usage.cachedInputTokens, 0), usage.inputTokens);
  const uncached = usage.inputTokens - cached;
  const cachedRate = price.cachedInputPerMillionUsd ?? price.inputPerMillionUsd;
  return (
    (uncached * price.inputPerMillionUsd +
      cached * cachedRate +
      usage.outputTokens * price.outputPerMillionUsd) /
    1_000_000
  );
}
