import {
  DEFAULT_OUTPUT_TOKENS_PER_SECOND,
  DEFAULT_PROMPT_TOKENS_PER_SECOND,
  estimateCostUsd as estimateCallCostUsd,
  type Target,
} from '@switchyard/core';

/** Generation speed assumed for a GPU-hourly target that does not set one, in tokens/s. */
export const defaultOutputTokensPerSecond = DEFAULT_OUTPUT_TOKENS_PER_SECOND;
/** Prompt processing speed assumed for a GPU-hourly target that does not set one, in tokens/s. */
export const defaultPromptTokensPerSecond = DEFAULT_PROMPT_TOKENS_PER_SECOND;

/**
 * Estimated cost in USD of one call to a target, before the call. The price math is core's
 * `estimateCostUsd` (one implementation for routing and metering):
 *
 * - `per-token` price: prompt × input rate + output × output rate (rates are per 1M tokens).
 * - `gpu-hourly` price: busy seconds (prompt ÷ prompt tok/s + output ÷ output tok/s, defaults 1000
 *   and 30) × hourly rate ÷ 3600. A local GPU is never free.
 * - No price: `undefined` (unknown — not zero).
 *
 * @example
 * estimateCostUsd(gpt4o, 1000, 500); // 0.0075 at $2.50 / $10 per 1M tokens
 */
export function estimateCostUsd(
  target: Target,
  promptTokens: number,
  outputTokens: number,
): number | undefined {
  return estimateCallCostUsd(target, promptTokens, outputTokens);
}
