import type { ChatRequest } from '@switchyard/core';

/** Settings of {@link toOpenAIRequestBody}. */
export type OpenAIRequestBodyOptions = {
  readonly model: string;
  readonly stream: boolean;
  readonly maxTokensField: 'max_tokens' | 'max_completion_tokens';
  readonly developerRoleAsSystem?: boolean;
  /** Receives a line for each change the backend needs. */
  readonly warnings: string[];
};

/**
 * Builds the upstream chat-completions body from a caller's request, without mutating it: drops
 * the `switchyard` extension and null fields, sets `model` and `stream`, moves the output limit
 * to the field the server honours, always asks for streamed usage
 * (`stream_options.include_usage`), drops `stream_options` on non-streaming calls (vLLM rejects
 * it) and an empty `tools` array (rejected by OpenAI and vLLM).
 *
 * @example
 * toOpenAIRequestBody(request, { model: 'gpt-4o-mini', stream: true, maxTokensField: 'max_completion_tokens', warnings: [] });
 */
export function toOpenAIRequestBody(
  request: ChatRequest,
  options: OpenAIRequestBodyOptions,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request)) {
    if (key === 'switchyard' || value === null || value === undefined) continue;
    body[key] = value;
  }
  body.model = options.model;
  body.stream = options.stream;

  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  delete body.max_tokens;
  delete body.max_completion_tokens;
  if (typeof maxTokens === 'number') body[options.maxTokensField] = maxTokens;

  if (options.stream) body.stream_options = { ...(request.stream_options ?? {}), include_usage: true };
  else delete body.stream_options;

  if (Array.isArray(request.tools) && request.tools.length === 0) {
    delete body.tools;
    delete body.tool_choice;
    delete body.parallel_tool_calls;
    options.warnings.push('dropped an empty tools array (and its tool_choice)');
  }

  if (options.developerRoleAsSystem && request.messages.some((message) => message.role === 'developer')) {
    body.messages = request.messages.map((message) =>
      message.role === 'developer' ? { ...message, role: 'system' } : message,
    );
  }
  return body;
}
