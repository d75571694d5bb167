import type { TargetPrice } from '../spec/target.js';

/**
 * A per-token price (USD per 1M tokens): what a cloud provider bills, or an amortised rate for a
 * local server. The savings baseline is always one of these.
 */
export type PerTokenPrice = Extract<TargetPrice, { readonly type: 'per-token' }>;
