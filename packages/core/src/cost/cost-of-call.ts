import type { NormalizedUsage } from '../spec/backend.js';
import type { Target } from '../spec/target.js';
import { perTokenCostUsd } from './per-token-cost-usd.js';

/**
 * How a call's cost was worked out:
 * - `provider-reported`: the provider said what it billed (OpenRouter `usage.cost`);
 * - `per-token`: tokens × the target's per-token prices (cloud, or an amortised local rate);
 * - `gpu-hourly`: the target's GPU hourly rate × the call's busy time;
 * - `unpriced`: the target has no price, so the cost is unknown (never taken as zero).
 */
export type CostBasis = 'per-token' | 'gpu-hourly' | 'provider-reported' | 'unpriced';

/** The cost of one call; `usd` is `null` exactly when the basis is `unpriced`. */
export type CallCost =
  | { readonly usd: number; readonly basis: 'per-token' | 'gpu-hourly' | 'provider-reported' }
  | { readonly usd: null; readonly basis: 'unpriced' };

const millisecondsPerHour = 3_600_000;

/**
 * What one call cost, after the fact.
 *
 * - The provider's own figure wins when it reported one (`usage.providerCostUsd`).
 * - `per-token` price: (input − cached) × input rate + cached × cached rate (the input rate when
 *   none is set) + output × output rate, per 1M tokens. A call without usage (it failed before the
 *   provider billed anything) costs 0.
 * - `gpu-hourly` price: hourly rate × `busyMs` (the call's wall clock, failed calls included: the
 *   GPU was busy either way). Under concurrent load this over-states each call's share.
 * - No price (or no target): `{ usd: null, basis: 'unpriced' }`.
 *
 * @example
 * costOfCall(localTarget, usage, 4_000); // { usd: 0.0008, basis: 'gpu-hourly' } at $0.72/h
 * costOfCall(gpt4o, { inputTokens: 1000, outputTokens: 500, cachedInputTokens: 0, reasoningTokens: 0 }, 900);
 * // { usd: 0.0075, basis: 'per-token' }
 */
export function costOfCall(
  target: Pick<Target, 'price'> | undefined,
  usage: NormalizedUsage | undefined,
  busyMs: number,
): CallCost {
  if (usage?.providerCostUsd !== undefined && Number.isFinite(usage.providerCostUsd)) {
    return { usd: usage.providerCostUsd, basis: 'provider-reported' };
  }
  const price = target?.price;
  if (price === undefined) return { usd: null, basis: 'unpriced' };
  if (price.type === 'gpu-hourly') {
    const busy = Number.isFinite(busyMs) ? Math.max(busyMs, 0) : 0;
    return { usd: (price.gpuHourlyUsd * busy) / millisecondsPerHour, basis: 'gpu-hourly' };
  }
  return { usd: usage === undefined ? 0 : perTokenCostUsd(price, usage), basis: 'per-token' };
}
