export * from './config/index.js';
export * from './cost/index.js';
export { createRouter, type RouteOptions, type Router, type RouterOptions } from './engine/create-router.js';
export { candidateKey, routeHopOf } from './engine/route-hop.js';
export { type PipelineResult, runPolicies } from './engine/run-policies.js';
export {
  BackendCallError,
  type BackendErrorCode,
  type BackendErrorPhase,
} from './errors/backend-call-error.js';
export {
  ExecutionError,
  type ExecutionErrorAttempt,
  type ExecutionFailure,
} from './errors/execution-error.js';
export { formatIssues, formatPath } from './errors/format-issues.js';
export { InvalidConfigError } from './errors/invalid-config-error.js';
export { InvalidRequestError } from './errors/invalid-request-error.js';
export { NoRouteError, type PolicyRejection } from './errors/no-route-error.js';
export { PolicyError } from './errors/policy-error.js';
export { errorMarker, SwitchyardError } from './errors/switchyard-error.js';
export { applyPromptOverride, type PromptOverride } from './execution/apply-prompt-override.js';
export {
  type CircuitBreakerHealthTracker,
  type CircuitBreakerOptions,
  type CircuitState,
  createCircuitBreakerHealthTracker,
  DEFAULT_TRIP_CODES,
} from './execution/circuit-breaker-health-tracker.js';
export type { Executor, GenerateObjectOptions } from './execution/create-executor.js';
export { emptyAnswerGate } from './execution/empty-answer-gate.js';
export { type ErrorAction, errorAction } from './execution/error-action.js';
export {
  type ExecutionOptions,
  type ResolvedExecutionOptions,
  resolveExecutionOptions,
} from './execution/execution-options.js';
export type {
  ExecuteOptions,
  ExecutionReport,
  GenerateObjectResult,
  GenerateResult,
  RouterStream,
  StreamResult,
} from './execution/execution-result.js';
export type { HealthTracker } from './execution/health-tracker.js';
export type { ObjectOf, ObjectSchema } from './execution/object-schema.js';
export {
  checkCompletion,
  type OutputValidator,
  requestOutputValidator,
  schemaOutputValidator,
} from './execution/output-validator.js';
export {
  answerText,
  type QualityGate,
  type QualityGateFailure,
  type QualityGateResult,
  runQualityGates,
} from './execution/quality-gate.js';
export { DEFAULT_REFUSAL_PHRASES, refusalGate } from './execution/refusal-gate.js';
export { retryDelay } from './execution/retry-delay.js';
export { DEFAULT_UNCERTAINTY_PHRASES, uncertaintyGate } from './execution/uncertainty-gate.js';
export * from './health/index.js';
export * from './metering/index.js';
export { type ClassifyTaskInput, classifyTask, type TaskClassification } from './profile/classify-task.js';
export { countSchemaNodes } from './profile/count-schema-nodes.js';
export { estimateTextTokens } from './profile/estimate-text-tokens.js';
export { estimateToolTokens } from './profile/estimate-tool-tokens.js';
export { findTierTag } from './profile/find-tier-tag.js';
export {
  DEFAULT_LONG_DOCUMENT_TOKENS,
  type ProfilerOptions,
  profileRequest,
  STRUCTURED_OUTPUT_FACTOR,
  type TokenCounter,
} from './profile/profile-request.js';
export { type TaskRule, taskRules } from './profile/task-rules.js';
export * from './request/chat-request-schema.js';
export { parseChatRequest } from './request/parse-chat-request.js';
export type * from './spec/backend.js';
export type * from './spec/chat-completion.js';
export type * from './spec/policy.js';
export type * from './spec/policy-registry.js';
export type * from './spec/request-profile.js';
export type * from './spec/router-events.js';
export type * from './spec/routing-decision.js';
export type * from './spec/target.js';
export { candidateOf } from './spec/target.js';
