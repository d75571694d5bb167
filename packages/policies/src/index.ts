export { builtinPolicies } from './builtin-policies.js';
export { type FilteredCandidates, filterCandidates } from './candidates/filter-candidates.js';
export { orderByRank } from './candidates/order-by-rank.js';
export {
  type ContextFitOptions,
  contextFitOptionsSchema,
  type ResolvedContextFitOptions,
} from './context-fit/context-fit-options.js';
export { type ContextNeed, contextFitPolicy, contextNeedOf } from './context-fit/context-fit-policy.js';
export { type CostOptions, costOptionsSchema } from './cost/cost-options.js';
export { costPolicy } from './cost/cost-policy.js';
export {
  defaultOutputTokensPerSecond,
  defaultPromptTokensPerSecond,
  estimateCostUsd,
} from './cost/estimate-cost-usd.js';
export { type DefaultPolicyName, defaultPolicies, defaultPolicyNames } from './default-policies.js';
export { type HealthOptions, healthOptionsSchema } from './health/health-options.js';
export { healthPolicy } from './health/health-policy.js';
export {
  createDifficultyScorer,
  type DifficultyScorer,
} from './learned-scorer/create-difficulty-scorer.js';
export {
  denseFeatureNames,
  extractScorerFeatures,
  type FeatureSink,
  type ScorerFeatureSettings,
} from './learned-scorer/extract-scorer-features.js';
export {
  type LearnedScorerOptions,
  learnedScorerOptionsSchema,
} from './learned-scorer/learned-scorer-options.js';
export {
  DEFAULT_SCORER_THRESHOLD,
  type LearnedScorerEnvironment,
  type LearnedScorerPolicy,
  learnedScorerPolicy,
  scorerRoutingPolicy,
} from './learned-scorer/learned-scorer-policy.js';
export { loadScorerWeights, parseScorerWeights } from './learned-scorer/load-scorer-weights.js';
export {
  MAX_HASH_BITS,
  SCORER_WEIGHTS_FORMAT,
  type ScorerWeights,
  scorerWeightsSchema,
} from './learned-scorer/scorer-weights.js';
export { type LoadBalanceOptions, loadBalanceOptionsSchema } from './load-balance/load-balance-options.js';
export { loadBalancePolicy } from './load-balance/load-balance-policy.js';
export { type ModalityOptions, modalityOptionsSchema } from './modality/modality-options.js';
export { modalityPolicy } from './modality/modality-policy.js';
export { parsePolicyOptions } from './parse-policy-options.js';
export { type PrivacyOptions, privacyOptionsSchema } from './privacy/privacy-options.js';
export { privacyPolicy } from './privacy/privacy-policy.js';
export { type QuantizationOptions, quantizationOptionsSchema } from './quantization/quantization-options.js';
export { quantizationPolicy } from './quantization/quantization-policy.js';
export { quantizationRank } from './quantization/quantization-rank.js';
export {
  type CompiledAlias,
  type CompiledRoutingTable,
  compileRoutingTable,
  matchesPremiumPattern,
} from './routing-table/compile-routing-table.js';
export { type ModelNameKind, resolveModelName } from './routing-table/resolve-model-name.js';
export {
  type RoutingTableOptions,
  routingTableConfigOptionsSchema,
  routingTableOptionsSchema,
  routingTableSchema,
} from './routing-table/routing-table-options.js';
export { routingTablePolicy } from './routing-table/routing-table-policy.js';
export {
  type StructuredOutputOptions,
  structuredOutputOptionsSchema,
} from './structured-output/structured-output-options.js';
export { structuredOutputPolicy } from './structured-output/structured-output-policy.js';
export { type DesiredTier, desiredTierOf } from './tiering/desired-tier-of.js';
export {
  type ResolvedTieringOptions,
  type TieringOptions,
  tieringOptionsSchema,
} from './tiering/tiering-options.js';
export { tieringPolicy } from './tiering/tiering-policy.js';
export { type ToolDepthOptions, toolDepthOptionsSchema } from './tool-depth/tool-depth-options.js';
export { toolDepthPolicy } from './tool-depth/tool-depth-policy.js';
