import type { ChatTurn, ToolChoice, ToolDefinition } from '../emulator/responder.js';
import { isSchemaObject, type JsonSchema } from '../json-schema/resolve-schema.js';

/** An OpenAI-shaped chat body, read into the parts the emulators use. */
export type OpenAIChat = {
  readonly body: Readonly<Record<string, unknown>>;
  readonly model: string | undefined;
  readonly messages: readonly ChatTurn[];
  readonly tools: readonly ToolDefinition[];
  readonly toolChoice: ToolChoice | undefined;
  readonly stream: boolean;
  readonly includeUsage: boolean;
  /** `max_completion_tokens`, else `max_tokens`. */
  readonly maxTokens: number | undefined;
  /** Characters of message text, for the token estimate. */
  readonly promptText: string;
};

/** Why a body could not be read: the first bad field. */
export type OpenAIChatProblem = { readonly field: string; readonly reason: 'missing' | 'invalid' };

/**
 * Reads an OpenAI chat-completions body. Lenient about what servers ignore; reports a missing or
 * non-array `messages` (and a non-object body) as a problem for the emulator to answer in its
 * backend's form.
 *
 * @example
 * const chat = readOpenAIChat(exchange.body);
 * if ('problem' in chat) return answerBadRequest(chat.problem);
 */
export function readOpenAIChat(body: unknown): OpenAIChat | { readonly problem: OpenAIChatProblem } {
  if (!isSchemaObject(body)) return { problem: { field: '(body)', reason: 'invalid' } };
  if (body.messages === undefined) return { problem: { field: 'messages', reason: 'missing' } };
  if (!Array.isArray(body.messages)) return { problem: { field: 'messages', reason: 'invalid' } };
  const messages = body.messages.filter(isSchemaObject).map(turnOf);
  const streamOptions = isSchemaObject(body.stream_options) ? body.stream_options : {};
  return {
    body,
    model: typeof body.model === 'string' ? body.model : undefined,
    messages,
    tools: readTools(body.tools),
    toolChoice: readToolChoice(body.tool_choice),
    stream: body.stream === true,
    includeUsage: streamOptions.include_usage === true,
    maxTokens: numberOf(body.max_completion_tokens) ?? numberOf(body.max_tokens),
    promptText: messages.map((message) => message.content).join(''),
  };
}

/**
 * The text of an OpenAI message content: a string, or the `text` of its parts joined.
 *
 * @example
 * contentText([{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }]) // 'ab'
 */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter(isSchemaObject)
    .map((part) => (typeof part.text === 'string' ? part.text : ''))
    .join('');
}

function turnOf(message: Readonly<Record<string, unknown>>): ChatTurn {
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls.filter(isSchemaObject) : [];
  const callText = calls
    .map((call) => (isSchemaObject(call.function) ? String(call.function.arguments ?? '') : ''))
    .join('');
  return { role: String(message.role ?? ''), content: contentText(message.content) + callText };
}

function readTools(tools: unknown): ToolDefinition[] {
  if (!Array.isArray(tools)) return [];
  return tools.filter(isSchemaObject).flatMap((tool) => {
    const definition = isSchemaObject(tool.function) ? tool.function : undefined;
    if (definition === undefined || typeof definition.name !== 'string') return [];
    return [
      {
        name: definition.name,
        ...(typeof definition.description === 'string' ? { description: definition.description } : {}),
        ...(isSchemaObject(definition.parameters) ? { parameters: definition.parameters as JsonSchema } : {}),
      },
    ];
  });
}

function readToolChoice(choice: unknown): ToolChoice | undefined {
  if (choice === 'auto' || choice === 'none' || choice === 'required') return choice;
  if (isSchemaObject(choice) && isSchemaObject(choice.function) && typeof choice.function.name === 'string') {
    return { name: choice.function.name };
  }
  return undefined;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
