export {
  defaultAnthropicModels,
  startAnthropicEmulator,
} from './anthropic/start-anthropic-emulator.js';
export * from './conformance/index.js';
export type {
  Emulator,
  EmulatorKind,
  EmulatorModel,
  EmulatorOptions,
  RecordedRequest,
} from './emulator/emulator.js';
export { estimateTokens } from './emulator/estimate-tokens.js';
export type { Fault, FaultOf, FaultScope, FaultType } from './emulator/fault.js';
export type {
  ChatTurn,
  Responder,
  ResponderInput,
  ResponderReply,
  ToolChoice,
  ToolDefinition,
} from './emulator/responder.js';
export {
  type EmulatorOptionsByKind,
  emulatorKinds,
  startEmulator,
  withEmulator,
} from './emulator/start-emulator.js';
export { findSchemaViolations } from './json-schema/find-schema-violations.js';
export { minimalInstance } from './json-schema/minimal-instance.js';
export type { JsonSchema } from './json-schema/resolve-schema.js';
export { violatingInstance } from './json-schema/violating-instance.js';
export * from './llama-server.js';
export {
  createMockBackend,
  type MockBackend,
  type MockBackendOptions,
  type MockCall,
} from './mock-backend/create-mock-backend.js';
export type {
  MockCutStep,
  MockErrorStep,
  MockHangStep,
  MockReplyStep,
  MockStep,
} from './mock-backend/mock-step.js';
export { evalNanosecondsPerToken, promptNanosecondsPerToken } from './ollama/ollama-durations.js';
export {
  defaultOllamaModels,
  type OllamaEmulatorOptions,
  startOllamaEmulator,
} from './ollama/start-ollama-emulator.js';
export { defaultOpenAIModels, startOpenAIEmulator } from './openai/start-openai-emulator.js';
export {
  defaultOpenRouterModels,
  startOpenRouterEmulator,
} from './openrouter/start-openrouter-emulator.js';
export { defaultTgiModels, startTgiEmulator, type TgiEmulatorOptions } from './tgi/start-tgi-emulator.js';
export {
  defaultVllmModels,
  startVllmEmulator,
  type VllmEmulatorOptions,
} from './vllm/start-vllm-emulator.js';
export {
  type ParsedEventStream,
  parseEventStream,
  parseNdjson,
  type ServerSentEvent,
} from './wire/parse-event-stream.js';
