export type { AbortReason } from './abort-reason.js';
export { bundledModelFile, bundledModelPath } from './bundled-model-path.js';
export { type CostFunction, defaultCostOf } from './cost-function.js';
export { createGateway, type Gateway, type GatewayAddress, type GatewayOptions } from './create-gateway.js';
export {
  createGatewayFromConfig,
  type GatewayFromConfig,
  type GatewayFromConfigOptions,
  type MeteringOverride,
} from './create-gateway-from-config.js';
export { createGatewayLogger } from './create-gateway-logger.js';
export { decisionHeaders, switchyardHeaders } from './decision-headers.js';
export { type CloudProvider, cloudProviders } from './default-cloud-targets.js';
export {
  type BackendDiagnosis,
  type ConfigDiagnosis,
  type DiagnoseConfigOptions,
  diagnoseConfig,
  type TargetDiagnosis,
  type TargetStatus,
} from './diagnose-config.js';
export {
  type DefaultConfigDiscovery,
  type DefaultConfigOptions,
  type DiscoveredTarget,
  discoverDefaultConfig,
} from './discover-default-config.js';
export { createGatewayHealth, type GatewayHealth, type GatewayHealthOptions } from './gateway-health.js';
export { GatewayHttpError, type OpenAIErrorBody, type OpenAIErrorType } from './gateway-http-error.js';
export { createGatewayMetrics, type GatewayMetrics, type GatewayMetricsOptions } from './gateway-metrics.js';
export { headerSafe } from './header-safe.js';
export { deadlineError, httpErrorOf, shuttingDownError } from './http-error-of.js';
export { type ModelMatch, matchServedModel } from './match-served-model.js';
export { type ModelListEntry, modelList } from './model-list.js';
export { ollamaUrlFromEnvironment } from './ollama-url-from-environment.js';
export { type PrimaryTargets, primaryTargetsOf } from './primary-targets.js';
export {
  type ReadinessReport,
  readinessReport,
  type TargetProbe,
  type TargetReadiness,
} from './readiness-report.js';
export {
  isValidRequestId,
  mergeRoutingHints,
  routingHintHeaders,
  routingHintsFromHeaders,
} from './routing-hints-from-headers.js';
export { createSecretRedactor } from './secret-redactor.js';
export { openAIUsageOf, usageChunk } from './usage-chunk.js';
