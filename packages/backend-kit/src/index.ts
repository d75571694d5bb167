export { type AssistantAnswer, assistantCompletion } from './assistant-completion.js';
export { callJson, callText, type JsonResult, type TextResult } from './call-json.js';
export { type CallTimer, type ReportedTiming, startCallTimer } from './call-timer.js';
export {
  type ConnectionSettingsCheck,
  type ConnectionSettingsToCheck,
  checkConnectionSettings,
} from './check-connection-settings.js';
export {
  classifyError,
  type ErrorClassification,
  type ErrorClassificationInput,
  type ErrorClassifier,
} from './classify-error.js';
export { type BackendConnection, createBackendConnection } from './create-backend-connection.js';
export {
  createOpenAICompatibleBackend,
  type OpenAICompatibleBackend,
} from './create-openai-compatible-backend.js';
export { type ErrorDetails, extractErrorDetails } from './extract-error-details.js';
export { isRecord } from './is-record.js';
export { joinMessageText } from './join-message-text.js';
export { timingFromLlamaServer } from './llama-server-timings.js';
export { type FetchFailureContext, mapFetchError } from './map-fetch-error.js';
export { mapFinishReason } from './map-finish-reason.js';
export { modelsFromOpenAIList } from './models-from-openai-list.js';
export { NdjsonLineError, type NdjsonLineFailure } from './ndjson-line-error.js';
export { normalizeOpenAIStream, type OpenAIStreamOptions } from './normalize-openai-stream.js';
export { normalizeOpenAIUsage, toOpenAIUsage, zeroUsage } from './normalize-usage.js';
export { type OpenedStream, type OpenStreamOptions, openStream } from './open-stream.js';
export type {
  DialectCallOptions,
  DialectContext,
  DialectHttp,
  OpenAICompatibleDialect,
  OpenAICompatibleSettings,
  RequestBodyContext,
} from './openai-compatible-dialect.js';
export { type OpenAIUsageOptions, openAIUsageOf } from './openai-usage-of.js';
export { type DataUrl, parseDataUrl, parseImageDataUrl } from './parse-data-url.js';
export { parseNdjson } from './parse-ndjson.js';
export { type HeaderReader, parseRetryAfter, type RetryAfterOptions } from './parse-retry-after.js';
export {
  parseServerSentEvents,
  type ServerSentEvent,
  type ServerSentEventOptions,
} from './parse-server-sent-events.js';
export { parseToolArguments } from './parse-tool-arguments.js';
export {
  type HealthProbeOptions,
  type PrometheusLoadMetrics,
  probeHealthEndpoint,
} from './probe-health-endpoint.js';
export { type BodyReadOptions, readBodyChunks } from './read-body-chunks.js';
export { type ByteSource, readLines, type TextLine } from './read-lines.js';
export { readPrometheusMetric } from './read-prometheus-metric.js';
export { readResponseText } from './read-response-text.js';
export { redactSecrets } from './redact-secrets.js';
export { requestConversionError } from './request-conversion-error.js';
export { requestFailure } from './request-failure.js';
export { type ApiKeySettings, apiKeySourceHint, resolveApiKey } from './resolve-api-key.js';
export { type ProbeOutcome, runProbe } from './run-probe.js';
export {
  type FetchFunction,
  type HttpContext,
  type HttpRequest,
  type SentRequest,
  sendRequest,
} from './send-request.js';
export { joinUrl, serverRootUrl, trimTrailingSlashes } from './server-root-url.js';
export { streamFailure } from './stream-failure.js';
export { type ErrorContext, type ErrorResponse, toBackendCallError } from './to-backend-call-error.js';
export { argumentsText, reasoningOf, toChatCompletion } from './to-chat-completion.js';
export { type ChunkDefaults, hasOutput, toChatCompletionChunk } from './to-chat-completion-chunk.js';
export { type OpenAIRequestBodyOptions, toOpenAIRequestBody } from './to-openai-request-body.js';
export { tryParseJson } from './try-parse-json.js';
