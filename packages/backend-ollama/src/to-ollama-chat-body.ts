import { isRecord } from '@switchyard/backend-kit';
import type { ChatRequest, ChatTool } from '@switchyard/core';
import { numCtxFor, type OllamaSettings } from './ollama-settings.js';
import { toOllamaMessages } from './to-ollama-messages.js';

/** Settings of {@link toOllamaChatBody}. */
export type OllamaChatBodyOptions = {
  readonly model: string;
  readonly stream: boolean;
  readonly backend: string;
  readonly settings: OllamaSettings;
  /** Receives a line for each field the adapter changed or dropped. */
  readonly warnings: string[];
};

/** Request fields handled below (or deliberately ignored without a warning). */
const handledFields = new Set([
  'model',
  'messages',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
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
  'logit_bias',
  'stream',
  'stream_options',
  'user',
  'metadata',
  'store',
  'switchyard',
  'options',
  'think',
  'reasoning_effort',
  'keep_alive',
]);

/** Ollama sampling options a caller may send as top-level request extensions. */
const samplingExtensions = ['top_k', 'min_p', 'typical_p', 'repeat_penalty', 'repeat_last_n', 'num_keep'];

/**
 * Builds the body of a native `POST /api/chat` from an OpenAI request, without mutating it.
 * Sampling goes into `options` (`num_predict` from `max_completion_tokens ?? max_tokens`,
 * `temperature`, `top_p`, `seed`, `stop`, penalties, `num_ctx` from the settings); structured
 * output becomes `format` (`"json"` or the schema itself); `keep_alive` and `truncate` come from
 * the settings. Ollama has no `tool_choice`: `none` leaves the tools out, a named function sends
 * only that tool, and `required` cannot be enforced (each with a warning where it is not exact).
 * The `switchyard` routing hints are never sent.
 *
 * @example
 * toOllamaChatBody(request, { model: 'llama3.1:8b', stream: true, backend: 'ollama', settings: { numCtx: 8192 }, warnings: [] });
 * // → { model: 'llama3.1:8b', messages: […], stream: true, options: { num_ctx: 8192, … } }
 */
export function toOllamaChatBody(
  request: ChatRequest,
  options: OllamaChatBodyOptions,
): Record<string, unknown> {
  const { settings, warnings } = options;
  const body: Record<string, unknown> = {
    model: options.model,
    messages: toOllamaMessages(request.messages, { backend: options.backend, warnings }),
    stream: options.stream,
  };
  const tools = selectTools(request, warnings);
  if (tools.length > 0) body.tools = tools.map(toOllamaTool);
  const format = formatOf(request, warnings);
  if (format !== undefined) body.format = format;
  const ollamaOptions = optionsOf(request, options.model, settings);
  if (Object.keys(ollamaOptions).length > 0) body.options = ollamaOptions;
  const keepAlive = extension(request, 'keep_alive') ?? settings.keepAlive;
  if (typeof keepAlive === 'string' || typeof keepAlive === 'number') body.keep_alive = keepAlive;
  if (settings.truncate !== undefined) body.truncate = settings.truncate;
  const think = thinkOf(request);
  if (think !== undefined) body.think = think;
  warnDropped(request, warnings);
  return body;
}

function selectTools(request: ChatRequest, warnings: string[]): readonly ChatTool[] {
  const tools = request.tools ?? [];
  const choice = request.tool_choice;
  if (tools.length === 0 || choice === undefined || choice === 'auto') return tools;
  if (choice === 'none') return [];
  if (choice === 'required') {
    warnings.push(
      "tool_choice 'required' is not enforced: Ollama has no tool_choice, the model may answer in text",
    );
    return tools;
  }
  const named = tools.filter((tool) => tool.function.name === choice.function.name);
  warnings.push(
    `tool_choice '${choice.function.name}' is not enforced: Ollama has no tool_choice; only that tool was sent`,
  );
  return named.length > 0 ? named : tools;
}

function toOllamaTool(tool: ChatTool): Record<string, unknown> {
  const { name, description, parameters } = tool.function;
  return {
    type: 'function',
    function: {
      name,
      ...(description === undefined ? {} : { description }),
      parameters: parameters ?? { type: 'object', properties: {} },
    },
  };
}

function formatOf(request: ChatRequest, warnings: string[]): 'json' | Record<string, unknown> | undefined {
  const format = request.response_format;
  if (format === undefined || format.type === 'text') return undefined;
  if (format.type === 'json_object') return 'json';
  if (format.json_schema.schema === undefined) {
    warnings.push(`response_format '${format.json_schema.name}' has no schema: sent as format "json"`);
    return 'json';
  }
  return format.json_schema.schema;
}

function optionsOf(request: ChatRequest, model: string, settings: OllamaSettings): Record<string, unknown> {
  const requestOptions = extension(request, 'options');
  const numCtx = numCtxFor(settings, model);
  const result: Record<string, unknown> = {
    ...settings.options,
    ...(numCtx === undefined ? {} : { num_ctx: numCtx }),
    ...(isRecord(requestOptions) ? requestOptions : {}),
  };
  for (const key of samplingExtensions) {
    const value = extension(request, key);
    if (typeof value === 'number') result[key] = value;
  }
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  const explicit: Record<string, unknown> = {
    num_predict: maxTokens,
    temperature: request.temperature,
    top_p: request.top_p,
    seed: request.seed,
    stop: typeof request.stop === 'string' ? [request.stop] : request.stop,
    presence_penalty: request.presence_penalty,
    frequency_penalty: request.frequency_penalty,
  };
  for (const [key, value] of Object.entries(explicit)) {
    if (value !== undefined && value !== null) result[key] = value;
  }
  return result;
}

/** `think` as given, or OpenAI's `reasoning_effort` mapped the way Ollama's own `/v1` layer does. */
function thinkOf(request: ChatRequest): boolean | string | undefined {
  const think = extension(request, 'think');
  if (typeof think === 'boolean' || typeof think === 'string') return think;
  const effort = extension(request, 'reasoning_effort');
  if (typeof effort !== 'string') return undefined;
  return effort === 'none' ? false : effort;
}

function warnDropped(request: ChatRequest, warnings: string[]): void {
  if (typeof request.n === 'number' && request.n > 1) {
    warnings.push(`n=${request.n} dropped: Ollama returns one choice`);
  }
  if (request.logprobs === true || typeof request.top_logprobs === 'number') {
    warnings.push('logprobs dropped: this adapter does not return log probabilities from Ollama');
  }
  if (request.parallel_tool_calls === false) {
    warnings.push('parallel_tool_calls=false is not enforced: Ollama has no such setting');
  }
  if (extension(request, 'logit_bias') !== undefined)
    warnings.push('logit_bias dropped: Ollama has no logit bias');
  for (const key of Object.keys(request)) {
    if (!handledFields.has(key) && !samplingExtensions.includes(key)) {
      warnings.push(`${key} ignored: Ollama's chat API has no such field`);
    }
  }
}

function extension(request: ChatRequest, key: string): unknown {
  return (request as Record<string, unknown>)[key];
}
