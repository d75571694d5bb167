import { isRecord } from '@switchyard/backend-kit';
import type { ChatRequest } from '@switchyard/core';

/** How `response_format` was sent; `outputTool` names the forced tool whose input is the answer. */
export type StructuredOutputPlan = {
  readonly outputTool?: string;
};

/** Settings of {@link applyStructuredOutput}. */
export type StructuredOutputOptions = {
  readonly mode: 'output-config' | 'tool';
  readonly warnings: string[];
};

/**
 * Adds the request's `response_format` to a Messages body (mutating `body`, which the caller owns):
 *
 * - `json_schema` in `output-config` mode → `output_config.format: {type: 'json_schema', schema}`
 *   (constrained decoding on current models);
 * - `json_schema` in `tool` mode, and `json_object` → one tool whose `input_schema` is the schema
 *   (`{type: 'object'}` for `json_object`), forced with `tool_choice: {type: 'tool'}`; the answer
 *   is that tool's `input`, returned as the message content;
 * - when a tool cannot be forced — the request has its own tools, extended `thinking` is on
 *   (Anthropic forbids forced tools with thinking), or the schema's root is not an object (tool
 *   inputs are objects) — a system instruction asks for the JSON instead, with a warning that it
 *   is not enforced.
 *
 * @example
 * const body = { model: 'claude-sonnet-5', messages, max_tokens: 1024 };
 * applyStructuredOutput(body, request, { mode: 'output-config', warnings });
 * // body.output_config → { format: { type: 'json_schema', schema } }
 */
export function applyStructuredOutput(
  body: Record<string, unknown>,
  request: ChatRequest,
  options: StructuredOutputOptions,
): StructuredOutputPlan {
  const format = request.response_format;
  if (format === undefined || format.type === 'text') return {};
  const schema = format.type === 'json_schema' ? format.json_schema.schema : undefined;
  if (schema !== undefined && options.mode === 'output-config') {
    body.output_config = { ...recordOf(body.output_config), format: { type: 'json_schema', schema } };
    return {};
  }
  const name = format.type === 'json_schema' ? format.json_schema.name : 'json_object';
  const why = reasonAgainstForcedTool(body, schema);
  if (why !== undefined) {
    options.warnings.push(
      `response_format ${format.type === 'json_schema' ? `'${name}'` : 'json_object'} was sent as a system instruction because ${why}; the JSON is not enforced`,
    );
    const instruction =
      schema === undefined
        ? 'Respond with one JSON object and nothing else: no prose, no code fences.'
        : `Respond with one JSON value that matches this JSON Schema, and nothing else (no prose, no code fences): ${JSON.stringify(schema)}`;
    body.system = typeof body.system === 'string' ? `${body.system}\n\n${instruction}` : instruction;
    return {};
  }
  const description =
    format.type === 'json_schema' && format.json_schema.description !== undefined
      ? format.json_schema.description
      : 'Give your answer as the input of this tool.';
  body.tools = [{ name, description, input_schema: schema ?? { type: 'object' } }];
  body.tool_choice = { type: 'tool', name };
  return { outputTool: name };
}

function reasonAgainstForcedTool(
  body: Record<string, unknown>,
  schema: Record<string, unknown> | undefined,
): string | undefined {
  if (Array.isArray(body.tools) && body.tools.length > 0) return 'the request has its own tools';
  if (body.thinking !== undefined) return 'extended thinking cannot be combined with a forced tool';
  if (schema !== undefined && schema.type !== 'object') return 'a tool input must be a JSON object';
  return undefined;
}

function recordOf(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
