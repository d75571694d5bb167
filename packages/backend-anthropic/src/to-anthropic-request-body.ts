import type { ChatRequest, ChatTool } from '@switchyard/core';
import { type AnthropicSettings, defaultAnthropicMaxTokens } from './anthropic-settings.js';
import { applyStructuredOutput } from './apply-structured-output.js';
import { toAnthropicMessages } from './to-anthropic-messages.js';

/** Settings of {@link toAnthropicRequestBody}. */
export type AnthropicRequestBodyOptions = {
  readonly model: string;
  readonly stream: boolean;
  readonly backend: string;
  readonly settings: Pick<AnthropicSettings, 'defaultMaxTokens' | 'structuredOutput'>;
  /** Receives a line for each field the adapter changed or dropped. */
  readonly warnings: string[];
};

/** The body and, when structured output uses a forced tool, that tool's name. */
export type AnthropicRequestBody = {
  readonly body: Record<string, unknown>;
  readonly outputTool?: string;
};

/** Fields mapped below, or ignored without a warning because they change nothing upstream. */
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
  'top_k',
  'stop',
  'stream',
  'stream_options',
  'user',
  'thinking',
  'switchyard',
]);

/**
 * Builds a `POST /v1/messages` body from an OpenAI request, without mutating it: system messages
 * to `system`, tools to `{name, description, input_schema}`, `tool_choice` to
 * `auto`/`any`/`none`/`tool` (`parallel_tool_calls: false` → `disable_parallel_tool_use`),
 * `max_tokens` always set (it is required; default `settings.defaultMaxTokens`, 4096), `stop` to
 * `stop_sequences`, `temperature` clamped to Anthropic's 0–1 (and `top_p` dropped beside it: current
 * models refuse both), `user` to `metadata.user_id`,
 * `response_format` per {@link applyStructuredOutput}. `top_k` and `thinking` pass through as
 * extensions. Every other field (`seed`, `n`, `logprobs`, penalties…) is dropped with a warning.
 *
 * @example
 * const { body } = toAnthropicRequestBody(request, { model: 'claude-sonnet-5', stream: false, backend: 'anthropic', settings: {}, warnings: [] });
 */
export function toAnthropicRequestBody(
  request: ChatRequest,
  options: AnthropicRequestBodyOptions,
): AnthropicRequestBody {
  const { warnings } = options;
  const conversation = toAnthropicMessages(request.messages, { backend: options.backend, warnings });
  const body: Record<string, unknown> = {
    model: options.model,
    messages: conversation.messages,
    max_tokens:
      request.max_completion_tokens ??
      request.max_tokens ??
      options.settings.defaultMaxTokens ??
      defaultAnthropicMaxTokens,
  };
  if (conversation.system !== undefined) body.system = conversation.system;
  if (options.stream) body.stream = true;
  if (typeof request.temperature === 'number') {
    if (request.temperature > 1) {
      warnings.push(`temperature ${request.temperature} clamped to 1 (Anthropic accepts 0–1)`);
    }
    body.temperature = Math.min(request.temperature, 1);
  }
  if (typeof request.top_p === 'number') {
    // Claude Sonnet 4.5, Haiku 4.5, Opus 4.1 and later answer 400 when both are set.
    if (body.temperature === undefined) body.top_p = request.top_p;
    else warnings.push('top_p dropped: Anthropic models take temperature or top_p, not both');
  }
  const topK = extension(request, 'top_k');
  if (typeof topK === 'number') body.top_k = topK;
  const thinking = extension(request, 'thinking');
  if (typeof thinking === 'object' && thinking !== null) body.thinking = thinking;
  if (request.stop !== undefined && request.stop !== null) {
    body.stop_sequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  }
  if (typeof request.user === 'string' && request.user !== '') body.metadata = { user_id: request.user };
  addTools(body, request);
  const { outputTool } = applyStructuredOutput(body, request, {
    mode: options.settings.structuredOutput ?? 'output-config',
    warnings,
  });
  warnDropped(request, warnings);
  return outputTool === undefined ? { body } : { body, outputTool };
}

function addTools(body: Record<string, unknown>, request: ChatRequest): void {
  const tools = request.tools ?? [];
  if (tools.length === 0) return;
  body.tools = tools.map(toAnthropicTool);
  const choice = request.tool_choice;
  const disableParallel = request.parallel_tool_calls === false ? { disable_parallel_tool_use: true } : {};
  if (choice === undefined || choice === 'auto') {
    if (request.parallel_tool_calls === false) body.tool_choice = { type: 'auto', ...disableParallel };
  } else if (choice === 'none') {
    body.tool_choice = { type: 'none' };
  } else if (choice === 'required') {
    body.tool_choice = { type: 'any', ...disableParallel };
  } else {
    body.tool_choice = { type: 'tool', name: choice.function.name, ...disableParallel };
  }
}

function toAnthropicTool(tool: ChatTool): Record<string, unknown> {
  const { name, description, parameters, strict } = tool.function;
  return {
    name,
    ...(description === undefined ? {} : { description }),
    input_schema: parameters ?? { type: 'object', properties: {} },
    ...(strict === true ? { strict: true } : {}),
  };
}

function warnDropped(request: ChatRequest, warnings: string[]): void {
  for (const [key, value] of Object.entries(request)) {
    if (handledFields.has(key) || value === undefined || value === null || value === false) continue;
    if (key === 'n' && value === 1) continue;
    warnings.push(`${key} dropped: the Anthropic Messages API has no equivalent`);
  }
}

function extension(request: ChatRequest, key: string): unknown {
  return (request as Record<string, unknown>)[key];
}
