import type { ChatRequest } from '@switchyard/core';
import { EmbeddedRequestError } from './embedded-call-error.js';

/** Sampling and stopping options for one generation, in node-llama-cpp's terms. */
export type GenerationOptions = {
  /** `max_completion_tokens` or `max_tokens`; undefined = until the context window is full. */
  readonly maxTokens: number | undefined;
  readonly temperature: number;
  readonly topK: number;
  readonly topP: number;
  readonly minP: number;
  readonly seed: number | undefined;
  readonly stopStrings: readonly string[];
  /** `false` = no repetition penalty (the OpenAI default). */
  readonly repeatPenalty:
    | false
    | { readonly penalty: number; readonly presencePenalty: number; readonly frequencyPenalty: number };
  readonly warnings: readonly string[];
};

/** Request fields this backend reads or deliberately passes over without a warning. */
const knownFields = new Set([
  'model',
  'messages',
  'stream',
  'stream_options',
  'user',
  'switchyard',
  'response_format',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'n',
  'stop',
  'seed',
  'presence_penalty',
  'frequency_penalty',
  'logprobs',
  'top_logprobs',
  // llama.cpp extensions, honoured here as llama-server does
  'top_k',
  'min_p',
  'repeat_penalty',
]);

/** llama-server's sampling defaults, used when the request leaves a field out. */
const samplingDefaults = { topK: 40, topP: 0.95, minP: 0.05 };

/**
 * Reads the sampling and stopping fields of a request. Throws an `EmbeddedRequestError` (code
 * `unsupported`) for what the embedded backend cannot do: `n` > 1, `logprobs`, and `tools`
 * unless `tool_choice` is `none` (then the tools are dropped with a warning). Unknown fields are
 * ignored with a warning. `response_format` is handled by `createResponseGrammar`.
 *
 * @example
 * toGenerationOptions({ model: 'm', messages: [], max_tokens: 3, stop: '.' }, { defaultTemperature: 0.8 });
 * // { maxTokens: 3, stopStrings: ['.'], temperature: 0.8, … }
 */
export function toGenerationOptions(
  request: ChatRequest,
  defaults: { readonly defaultTemperature: number },
): GenerationOptions {
  const warnings: string[] = [];
  if (request.n != null && request.n > 1) {
    throw new EmbeddedRequestError('unsupported', `n=${request.n}: the embedded backend returns one choice`);
  }
  if (request.logprobs === true) {
    throw new EmbeddedRequestError('unsupported', 'logprobs are not supported by the embedded backend');
  }
  if (request.tools !== undefined && request.tools.length > 0) {
    if (request.tool_choice !== 'none') {
      throw new EmbeddedRequestError(
        'unsupported',
        'tools are not supported by the embedded backend (no tool calling); route tool requests elsewhere',
      );
    }
    warnings.push("tools were dropped: tool_choice is 'none' and the embedded backend has no tool calling");
  }
  for (const field of Object.keys(request)) {
    if (!knownFields.has(field))
      warnings.push(`ignored field '${field}': not supported by the embedded backend`);
  }

  const stop = request.stop;
  const stopStrings = (stop == null ? [] : typeof stop === 'string' ? [stop] : stop).filter(
    (text) => text !== '',
  );
  const presencePenalty = request.presence_penalty ?? 0;
  const frequencyPenalty = request.frequency_penalty ?? 0;
  const penalty = numberField(request, 'repeat_penalty') ?? 1;
  return {
    maxTokens: request.max_completion_tokens ?? request.max_tokens ?? undefined,
    temperature: request.temperature ?? defaults.defaultTemperature,
    topK: integerField(request, 'top_k') ?? samplingDefaults.topK,
    topP: request.top_p ?? samplingDefaults.topP,
    minP: numberField(request, 'min_p') ?? samplingDefaults.minP,
    seed: request.seed ?? undefined,
    stopStrings,
    repeatPenalty:
      presencePenalty === 0 && frequencyPenalty === 0 && penalty === 1
        ? false
        : { penalty, presencePenalty, frequencyPenalty },
    warnings,
  };
}

function numberField(request: ChatRequest, name: string): number | undefined {
  const value: unknown = request[name];
  if (value == null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new EmbeddedRequestError('invalid-request', `${name} must be a non-negative number`);
  }
  return value;
}

function integerField(request: ChatRequest, name: string): number | undefined {
  const value = numberField(request, name);
  if (value !== undefined && !Number.isInteger(value)) {
    throw new EmbeddedRequestError('invalid-request', `${name} must be a non-negative integer`);
  }
  return value;
}
