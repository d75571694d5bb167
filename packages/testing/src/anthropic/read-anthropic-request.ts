import type { ChatTurn, ToolChoice, ToolDefinition } from '../emulator/responder.js';
import { isSchemaObject, type JsonSchema } from '../json-schema/resolve-schema.js';

const knownFields = new Set([
  'model',
  'messages',
  'max_tokens',
  'system',
  'metadata',
  'stop_sequences',
  'stream',
  'temperature',
  'top_p',
  'top_k',
  'tools',
  'tool_choice',
  'thinking',
  'output_config',
  'output_format',
  'service_tier',
  'container',
  'mcp_servers',
  'context_management',
]);

/** A Messages API request, read into the parts the emulator uses. */
export type AnthropicRequest = {
  readonly model: string;
  readonly messages: readonly ChatTurn[];
  readonly maxTokens: number;
  readonly tools: readonly ToolDefinition[];
  readonly toolChoice: ToolChoice | undefined;
  readonly schema: JsonSchema | undefined;
  readonly stream: boolean;
  /** System prompt plus message text, for the token estimate. */
  readonly promptText: string;
};

/**
 * Reads and validates a `POST /v1/messages` body the way the API does, returning the first
 * problem as Anthropic words it (`max_tokens: Field required`, `response_format: Extra inputs are
 * not permitted`, the "Unexpected role \"system\"" message, …).
 *
 * @example
 * const read = readAnthropicRequest(body);
 * if ('problem' in read) return reply400(read.problem);
 */
export function readAnthropicRequest(body: unknown): AnthropicRequest | { readonly problem: string } {
  if (!isSchemaObject(body)) return { problem: 'Input should be a valid dictionary' };
  const extra = Object.keys(body).find((key) => !knownFields.has(key));
  if (extra !== undefined) return { problem: `${extra}: Extra inputs are not permitted` };
  if (typeof body.model !== 'string') return { problem: 'model: Field required' };
  if (body.max_tokens === undefined) return { problem: 'max_tokens: Field required' };
  if (typeof body.max_tokens !== 'number' || !Number.isInteger(body.max_tokens) || body.max_tokens < 1) {
    return { problem: 'max_tokens: Input should be greater than or equal to 1' };
  }
  if (body.messages === undefined) return { problem: 'messages: Field required' };
  if (!Array.isArray(body.messages)) return { problem: 'messages: Input should be a valid list' };
  const messages = body.messages.filter(isSchemaObject);
  const badRole = messages.find((message) => message.role !== 'user' && message.role !== 'assistant');
  if (badRole !== undefined) {
    return badRole.role === 'system'
      ? {
          problem:
            'messages: Unexpected role "system". The Messages API accepts a top-level `system` parameter, not "system" as an input message role.',
        }
      : { problem: `messages.${messages.indexOf(badRole)}.role: Input should be 'user' or 'assistant'` };
  }
  if (typeof body.temperature === 'number' && (body.temperature < 0 || body.temperature > 1)) {
    return { problem: 'temperature: Input should be less than or equal to 1' };
  }
  const tools = readTools(body.tools);
  const toolChoice = readToolChoice(body.tool_choice, tools);
  if (typeof toolChoice === 'object' && 'problem' in toolChoice) return toolChoice;
  const output = readOutputFormat(body);
  if (typeof output === 'string') return { problem: output };
  const turns = messages.map((message) => ({
    role: String(message.role),
    content: blocksText(message.content),
  }));
  return {
    model: body.model,
    messages: turns,
    maxTokens: body.max_tokens,
    tools,
    toolChoice,
    schema: output,
    stream: body.stream === true,
    promptText: blocksText(body.system) + turns.map((turn) => turn.content).join(''),
  };
}

function readOutputFormat(body: Readonly<Record<string, unknown>>): JsonSchema | undefined | string {
  const config = isSchemaObject(body.output_config) ? body.output_config : undefined;
  const [format, path] =
    config?.format !== undefined
      ? [config.format, 'output_config.format']
      : [body.output_format, 'output_format'];
  if (format === undefined || format === null) return undefined;
  if (!isSchemaObject(format)) return `${path}: Input should be a valid dictionary`;
  if (format.type !== 'json_schema') return `${path}.type: Input should be 'json_schema'`;
  if (!isSchemaObject(format.schema)) return `${path}.schema: Field required`;
  return format.schema;
}

function readTools(tools: unknown): ToolDefinition[] {
  if (!Array.isArray(tools)) return [];
  return tools.filter(isSchemaObject).flatMap((tool) => {
    if (typeof tool.name !== 'string') return [];
    const parameters = isSchemaObject(tool.input_schema) ? (tool.input_schema as JsonSchema) : undefined;
    return [{ name: tool.name, ...(parameters === undefined ? {} : { parameters }) }];
  });
}

function readToolChoice(
  choice: unknown,
  tools: readonly ToolDefinition[],
): ToolChoice | { readonly problem: string } | undefined {
  if (!isSchemaObject(choice)) return undefined;
  switch (choice.type) {
    case 'auto':
      return 'auto';
    case 'none':
      return 'none';
    case 'any':
      return 'required';
    case 'tool':
      if (typeof choice.name !== 'string') return { problem: 'tool_choice.tool.name: Field required' };
      if (!tools.some((tool) => tool.name === choice.name)) {
        return { problem: `tool_choice: Tool '${choice.name}' not found in provided tools` };
      }
      return { name: choice.name };
    default:
      return {
        problem: `tool_choice: Input tag '${String(choice.type)}' found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'`,
      };
  }
}

function blocksText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter(isSchemaObject)
    .map((block) => {
      if (typeof block.text === 'string') return block.text;
      if (block.type === 'tool_use') return JSON.stringify(block.input ?? {});
      if (block.type === 'tool_result') return blocksText(block.content);
      return '';
    })
    .join('');
}
