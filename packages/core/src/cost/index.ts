export { baselineCostUsd } from './baseline-cost-usd.js';
export { type CallCost, type CostBasis, costOfCall } from './cost-of-call.js';
export {
  DEFAULT_OUTPUT_TOKENS_PER_SECOND,
  DEFAULT_PROMPT_TOKENS_PER_SECOND,
  estimateCostUsd,
} from './estimate-cost-usd.js';
export { perTokenCostUsd } from './per-token-cost-usd.js';
export type { PerTokenPrice } from './per-token-price.js';
export { roundUsd } from './round-usd.js';
