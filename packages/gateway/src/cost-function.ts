import { costOfCall, type NormalizedUsage, type Target } from '@switchyard/core';

/**
 * What one call cost in USD, from its target, usage and busy time (the call's wall clock, in ms);
 * `undefined` when it cannot be told (the target has no price).
 */
export type CostFunction = (target: Target, usage: NormalizedUsage, busyMs: number) => number | undefined;

/**
 * The gateway's default cost of a call: core's `costOfCall` — the provider's own reported cost
 * when it gives one (OpenRouter `usage.cost`), else per-token prices × tokens, or the GPU hourly
 * rate × the call's busy time. `undefined` for a target without a price (unknown, not free).
 *
 * @example
 * defaultCostOf(gpt4o, { inputTokens: 1000, outputTokens: 500, cachedInputTokens: 0, reasoningTokens: 0 }, 900);
 * // 0.0075
 */
export const defaultCostOf: CostFunction = (target, usage, busyMs) =>
  costOfCall(target, usage, busyMs).usd ?? undefined;
