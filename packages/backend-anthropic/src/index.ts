export {
  type AnthropicConnection,
  createAnthropicConnection,
  defaultAnthropicApiKeyEnv,
} from './anthropic-connection.js';
export { anthropicFinishReason } from './anthropic-finish-reason.js';
export {
  type AnthropicSettings,
  defaultAnthropicBaseUrl,
  defaultAnthropicMaxTokens,
  defaultAnthropicVersion,
} from './anthropic-settings.js';
export {
  type AnthropicCompletionContext,
  anthropicToChatCompletion,
} from './anthropic-to-chat-completion.js';
export { anthropicUsage, mergeAnthropicUsage } from './anthropic-usage.js';
export type {
  AnthropicContentBlock,
  AnthropicMessage,
  AnthropicMessageResponse,
  AnthropicUsage,
} from './anthropic-wire.js';
export {
  applyStructuredOutput,
  type StructuredOutputOptions,
  type StructuredOutputPlan,
} from './apply-structured-output.js';
export { checkAnthropicSettings } from './check-anthropic-settings.js';
export { classifyAnthropicError } from './classify-anthropic-error.js';
export { type AnthropicBackend, createAnthropic } from './create-anthropic.js';
export {
  type AnthropicDescription,
  type AnthropicModelDescription,
  describeAnthropic,
} from './describe-anthropic.js';
export { type AnthropicStreamOptions, normalizeAnthropicStream } from './normalize-anthropic-stream.js';
export { probeAnthropic } from './probe-anthropic.js';
export {
  type AnthropicConversation,
  type AnthropicMessageContext,
  toAnthropicMessages,
} from './to-anthropic-messages.js';
export {
  type AnthropicRequestBody,
  type AnthropicRequestBodyOptions,
  toAnthropicRequestBody,
} from './to-anthropic-request-body.js';
