import type { Exchange } from '../emulator/exchange.js';
import { isSchemaObject, type JsonSchema } from '../json-schema/resolve-schema.js';
import type { StructuredOutputRequest } from '../openai-style/handle-openai-chat.js';
import type { OpenAIChat } from '../openai-style/read-openai-chat.js';
import { openAIError } from './openai-error.js';

/**
 * Reads OpenAI's `response_format` and rejects what OpenAI rejects: an unknown type, a missing
 * `json_schema` (the flat `{type:'json_schema', schema}` form) or `json_schema.name`, a strict
 * schema whose objects lack `additionalProperties:false` or leave a property out of `required`,
 * and JSON mode without the word "json" in the messages.
 *
 * @example
 * const output = openAIStructuredOutput(exchange, chat); // undefined once a 400 was sent
 */
export function openAIStructuredOutput(
  exchange: Exchange,
  chat: OpenAIChat,
): StructuredOutputRequest | undefined {
  const format = chat.body.response_format;
  if (format === undefined || format === null) return { json: false };
  const reject = (message: string, param: string, code: string | null) => {
    exchange.json(400, openAIError(message, 'invalid_request_error', param, code));
    return undefined;
  };
  if (!isSchemaObject(format))
    return reject(
      "Invalid type for 'response_format': expected an object.",
      'response_format',
      'invalid_type',
    );
  switch (format.type) {
    case 'text':
      return { json: false };
    case 'json_object': {
      const mentionsJson = chat.messages.some((message) => /json/i.test(message.content));
      if (!mentionsJson) {
        return reject(
          "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
          'messages',
          null,
        );
      }
      return { json: true };
    }
    case 'json_schema': {
      const definition = format.json_schema;
      if (!isSchemaObject(definition)) {
        return reject(
          "Missing required parameter: 'response_format.json_schema'.",
          'response_format.json_schema',
          'missing_required_parameter',
        );
      }
      if (typeof definition.name !== 'string') {
        return reject(
          "Missing required parameter: 'response_format.json_schema.name'.",
          'response_format.json_schema.name',
          'missing_required_parameter',
        );
      }
      const schema: JsonSchema = isSchemaObject(definition.schema) ? definition.schema : {};
      if (definition.strict === true) {
        const problem = strictSchemaProblem(schema, []);
        if (problem !== undefined) {
          return reject(
            `Invalid schema for response_format '${definition.name}': ${problem}`,
            'response_format',
            null,
          );
        }
      }
      return { schema, json: true };
    }
    default:
      return reject(
        `Invalid value: '${String(format.type)}'. Supported values are: 'json_object', 'json_schema', and 'text'.`,
        'response_format.type',
        'invalid_value',
      );
  }
}

function strictSchemaProblem(schema: JsonSchema, context: readonly string[]): string | undefined {
  const where = `In context=(${context.map((part) => `'${part}'`).join(', ')}${context.length === 1 ? ',' : ''})`;
  const isObject = schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object'));
  const properties = isSchemaObject(schema.properties) ? schema.properties : {};
  if (isObject) {
    if (schema.additionalProperties !== false) {
      return `${where}, 'additionalProperties' is required to be supplied and to be false.`;
    }
    const required = Array.isArray(schema.required) ? schema.required : [];
    const missing = Object.keys(properties).find((name) => !required.includes(name));
    if (missing !== undefined) {
      return `${where}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
    }
  }
  for (const [name, child] of Object.entries(properties)) {
    if (!isSchemaObject(child)) continue;
    const problem = strictSchemaProblem(child, [...context, 'properties', name]);
    if (problem !== undefined) return problem;
  }
  if (isSchemaObject(schema.items)) return strictSchemaProblem(schema.items, [...context, 'items']);
  for (const keyword of ['$defs', 'definitions'] as const) {
    const definitions = schema[keyword];
    if (!isSchemaObject(definitions)) continue;
    for (const [name, child] of Object.entries(definitions)) {
      if (!isSchemaObject(child)) continue;
      const problem = strictSchemaProblem(child, [...context, keyword, name]);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}
