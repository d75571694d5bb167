import type { ChatTool } from '../request/chat-request-schema.js';

/**
 * Fast token estimate for one tool definition, from a bounded walk of its JSON Schema.
 *
 * The reference is the cl100k count of the tool serialised as compact JSON
 * (`{"type":"function","function":{"name":…,"description":…,"parameters":…}}`), which is how the
 * chat templates of local models (Qwen, Llama 3.1, Hermes) put tools into the prompt. The walk
 * counts keys, strings (and their lengths) and other scalars; the weights were fitted on the BFCL
 * tool definitions (see docs/profiler.md). It never serialises the schema.
 */

/** Deepest schema level the walk enters; anything deeper is not counted. */
export const TOOL_WALK_MAX_DEPTH = 16;
/** Most JSON values visited per tool; the rest of a larger schema is not counted. */
export const TOOL_WALK_MAX_NODES = 1_000;

/** Wrapper (`{"type":"function","function":{…}}`) and name/description/parameters keys. */
const PER_TOOL = 10;
/** `"key":` plus its separator. */
const PER_KEY = 1.6;
/** Quotes and separator of a string value. */
const PER_STRING = 2;
/** String contents (prose descriptions, enum values, type names): about 5 characters a token. */
const PER_STRING_CHARACTER = 0.2;
/** A number, boolean or null with its separator. */
const PER_SCALAR = 2;

// Walk budget of the tool being estimated; the walk is synchronous, so module state is safe.
let remainingNodes = 0;

function valueTokens(value: unknown, depth: number): number {
  if (remainingNodes <= 0) return 0;
  remainingNodes--;
  if (typeof value === 'string') return PER_STRING + value.length * PER_STRING_CHARACTER;
  if (value === null || typeof value !== 'object') return PER_SCALAR;
  if (depth >= TOOL_WALK_MAX_DEPTH) return 0;
  let tokens = 0;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) tokens += valueTokens(value[index], depth + 1);
    return tokens;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    tokens += PER_KEY + valueTokens(record[key], depth + 1);
  }
  return tokens;
}

/**
 * Estimates the prompt tokens one tool definition costs, in bounded time.
 *
 * @example
 * ```ts
 * estimateToolTokens({
 *   type: 'function',
 *   function: {
 *     name: 'get_weather',
 *     description: 'Get the current weather for a city.',
 *     parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
 *   },
 * }); // ≈ 40
 * ```
 */
export function estimateToolTokens(tool: ChatTool): number {
  const definition = tool.function;
  let tokens = PER_TOOL + PER_STRING + definition.name.length * PER_STRING_CHARACTER;
  if (definition.description !== undefined) {
    tokens += PER_STRING + definition.description.length * PER_STRING_CHARACTER;
  }
  if (definition.parameters !== undefined) {
    remainingNodes = TOOL_WALK_MAX_NODES;
    tokens += valueTokens(definition.parameters, 0);
  }
  return Math.round(tokens);
}
