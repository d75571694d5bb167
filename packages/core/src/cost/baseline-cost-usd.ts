import type { NormalizedUsage } from '../spec/backend.js';
import { perTokenCostUsd } from './per-token-cost-usd.js';
import type { PerTokenPrice } from './per-token-price.js';

/**
 * What the same tokens would have cost at the savings baseline's per-token price (the cloud model
 * the team would otherwise use): the same formula as a per-token call, cached input tokens at the
 * baseline's cached rate when it has one. No usage (nothing answered) is 0, so that savings
 * (baseline − actual spend) add up over a ledger.
 *
 * @example
 * baselineCostUsd({ type: 'per-token', inputPerMillionUsd: 2.5, outputPerMillionUsd: 10 }, usage);
 * // 0.0075 for 1000 input and 500 output tokens
 */
export function baselineCostUsd(baseline: PerTokenPrice, usage: NormalizedUsage | undefined): number {
  return usage === undefined ? 0 : perTokenCostUsd(baseline, usage);
}
