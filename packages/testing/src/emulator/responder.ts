import type { JsonSchema } from '../json-schema/resolve-schema.js';
import type { EmulatorKind, RecordedRequest } from './emulator.js';

/** One message of the conversation, text only (parts joined). */
export type ChatTurn = { readonly role: string; readonly content: string };

/** A tool the request offered, in a backend-neutral form. */
export type ToolDefinition = {
  readonly name: string;
  readonly description?: string;
  /** JSON Schema of the arguments (OpenAI `parameters`, Anthropic `input_schema`). */
  readonly parameters?: JsonSchema;
};

/** The request's tool choice, normalised (Anthropic `any` → `required`, `tool` → `{ name }`). */
export type ToolChoice = 'auto' | 'none' | 'required' | { readonly name: string };

/** What a responder sees: the request, already read from the backend's own wire form. */
export type ResponderInput = {
  readonly kind: EmulatorKind;
  readonly model: string;
  readonly messages: readonly ChatTurn[];
  readonly tools: readonly ToolDefinition[];
  readonly toolChoice: ToolChoice | undefined;
  /** Schema of the requested structured output, when the request asked for one in a form the backend accepts. */
  readonly schema: JsonSchema | undefined;
  /** Whether JSON output was requested (with or without a schema). */
  readonly json: boolean;
  readonly stream: boolean;
  /** Output limit the request set, in tokens. */
  readonly maxTokens: number | undefined;
  /** The raw request. */
  readonly request: RecordedRequest;
};

/** A scripted reply. Every field is optional; what is left out follows the default behaviour. */
export type ResponderReply = {
  /** Reply text. */
  readonly text?: string;
  /** A JSON value to answer with (serialised as the content). */
  readonly json?: unknown;
  /**
   * Tool calls to make. `arguments` defaults to the minimal valid instance of the tool's
   * parameter schema. The tool must be among the request's tools.
   */
  readonly toolCalls?: readonly { readonly name: string; readonly arguments?: unknown }[];
  /** `length` pretends the output limit was hit. */
  readonly finishReason?: 'stop' | 'length';
  /** Overrides the estimated token counts. */
  readonly usage?: { readonly inputTokens?: number; readonly outputTokens?: number };
};

/**
 * Decides the reply to a chat request. Return `undefined` for the default: a tool call when the
 * request forces one (`tool_choice` required/named, Anthropic `any`/`tool`), the minimal valid
 * JSON when structured output was requested, else the configured reply text.
 *
 * @example
 * emulator.setResponder((input) =>
 *   input.tools.length > 0 ? { toolCalls: [{ name: input.tools[0].name, arguments: { city: 'Oslo' } }] } : undefined,
 * );
 */
export type Responder = (
  input: ResponderInput,
) => ResponderReply | undefined | Promise<ResponderReply | undefined>;
