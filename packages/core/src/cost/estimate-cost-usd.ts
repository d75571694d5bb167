import type { Target } from '../spec/target.js';
import { perTokenCostUsd } from './per-token-cost-usd.js';

/** Generation speed assumed for a GPU-hourly target that does not set one, in tokens/s. */
export const DEFAULT_OUTPUT_TOKENS_PER_SECOND = 30;
/** Prompt processing speed assumed for a GPU-hourly target that does not set one, in tokens/s. */
export const DEFAULT_PROMPT_TOKENS_PER_SECOND = 1000;

/**
 * Estimated cost in USD of one call to a target, before the call (what the cost policy ranks by).
 *
 * - `per-token` price: prompt × input rate + output × output rate (rates per 1M tokens; no cache
 *   discount is assumed, since nobody knows beforehand what will be cached).
 * - `gpu-hourly` price: busy seconds (prompt ÷ prompt tok/s + output ÷ output tok/s, defaults
 *   {@link DEFAULT_PROMPT_TOKENS_PER_SECOND} and {@link DEFAULT_OUTPUT_TOKENS_PER_SECOND}) ×
 *   hourly rate ÷ 3600. A local GPU is never free.
 * - No price: `undefined` (unknown — not zero).
 *
 * @example
 * estimateCostUsd(gpt4o, 1000, 500); // 0.0075 at $2.50 / $10 per 1M tokens
 */
export function estimateCostUsd(
  target: Pick<Target, 'price'>,
  promptTokens: number,
  outputTokens: number,
): number | undefined {
  const price = target.price;
  if (price === undefined) return undefined;
  if (price.type === 'per-token') {
    return perTokenCostUsd(price, { inputTokens: promptTokens, outputTokens, cachedInputTokens: 0 });
  }
  const busySeconds =
    promptTokens / (price.expectedPromptTokensPerSecond ?? DEFAULT_PROMPT_TOKENS_PER_SECOND) +
    outputTokens / (price.expectedOutputTokensPerSecond ?? DEFAULT_OUTPUT_TOKENS_PER_SECOND);
  return (busySeconds * price.gpuHourlyUsd) / 3600;
}
