import type { NormalizedUsage } from '../spec/backend.js';

/** Usage of nothing: every count 0. */
export const ZERO_USAGE: NormalizedUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cachedInputTokens: 0,
  reasoningTokens: 0,
};

/**
 * Adds two usages; a provider cost is kept (summed) when either side reported one.
 *
 * @example
 * const total = attempts.reduce((sum, attempt) => sumUsage(sum, attempt.usage ?? ZERO_USAGE), ZERO_USAGE);
 */
export function sumUsage(left: NormalizedUsage, right: NormalizedUsage): NormalizedUsage {
  const sum: NormalizedUsage = {
    inputTokens: left.inputTokens + right.inputTokens,
    outputTokens: left.outputTokens + right.outputTokens,
    cachedInputTokens: left.cachedInputTokens + right.cachedInputTokens,
    reasoningTokens: left.reasoningTokens + right.reasoningTokens,
  };
  if (left.providerCostUsd === undefined && right.providerCostUsd === undefined) return sum;
  return { ...sum, providerCostUsd: (left.providerCostUsd ?? 0) + (right.providerCostUsd ?? 0) };
}
