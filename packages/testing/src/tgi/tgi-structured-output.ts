import type { Exchange } from '../emulator/exchange.js';
import { isSchemaObject } from '../json-schema/resolve-schema.js';
import type { StructuredOutputRequest } from '../openai-style/handle-openai-chat.js';
import type { OpenAIChat } from '../openai-style/read-openai-chat.js';
import { serdePosition } from './serde-position.js';

const variants = '`json`, `json_object`, `regex`, `json_schema`';

/**
 * Reads TGI's own `response_format` shape, `{type, value}`: `json`/`json_object` with the schema
 * as `value`, `json_schema` with `value: {name, schema}`, `regex` (answered with plain text).
 * OpenAI's shape (`json_schema: {…}`, or a bare `json_object`) fails deserialisation exactly as
 * TGI's axum extractor does: 422, plain text, "missing field `value`".
 *
 * @example
 * tgiStructuredOutput(exchange, chat) // { schema, json: true }, or undefined after a 422
 */
export function tgiStructuredOutput(
  exchange: Exchange,
  chat: OpenAIChat,
): StructuredOutputRequest | undefined {
  const format = chat.body.response_format;
  if (format === undefined || format === null) return { json: false };
  const reject = (problem: string) => {
    const position = serdePosition(exchange.record.rawBody, 'response_format');
    exchange.text(
      422,
      `Failed to deserialize the JSON body into the target type: response_format: ${problem} at ${position}`,
    );
    return undefined;
  };
  if (!isSchemaObject(format))
    return reject(`invalid type: ${typeof format}, expected adjacently tagged enum GrammarType`);
  if (typeof format.type !== 'string') return reject('missing field `type`');
  if (!['json', 'json_object', 'regex', 'json_schema'].includes(format.type)) {
    return reject(`unknown variant \`${format.type}\`, expected one of ${variants}`);
  }
  if (!('value' in format)) return reject('missing field `value`');
  const value = format.value;
  if (format.type === 'regex') return { json: false };
  if (format.type === 'json_schema') {
    if (!isSchemaObject(value) || !isSchemaObject(value.schema)) return reject('missing field `schema`');
    return { schema: value.schema, json: true };
  }
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (isSchemaObject(parsed)) return { schema: parsed, json: true };
    } catch {
      // fall through to the type error below
    }
  }
  if (!isSchemaObject(value)) return reject('invalid type: expected a JSON schema object');
  return { schema: value, json: true };
}
