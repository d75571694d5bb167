import type { Target } from '@switchyard/core';

/** Generation speed assumed for a GPU-hourly target that does not set one, in tokens/s. */
export const defaultOutputTokensPerSecond = 30;
/** Prompt processing speed assumed for a GPU-hourly target that does not set one, in tokens/s. */
export const defaultPromptTokensPerSecond = 1000;

/**
 * Estimated cost in USD of one call to a target, before the call.
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
  const price = target.price;
  if (price === undefined) return undefined;
  if (price.type === 'per-token') {
    return (promptTokens * price.inputPerMillionUsd + outputTokens * price.outputPerMillionUsd) / 1_000_000;
  }
  const busySeconds =
    promptTokens / (price.expectedPromptTokensPerSecond ?? defaultPromptTokensPerSecond) +
    outputTokens / (price.expectedOutputTokensPerSecond ?? defaultOutputTokensPerSecond);
  return (busySeconds * price.gpuHourlyUsd) / 3600;
}
