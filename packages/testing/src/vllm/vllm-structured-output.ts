import type { Exchange } from '../emulator/exchange.js';
import { isSchemaObject } from '../json-schema/resolve-schema.js';
import type { StructuredOutputRequest } from '../openai-style/handle-openai-chat.js';
import type { OpenAIChat } from '../openai-style/read-openai-chat.js';
import { vllmError } from './vllm-error.js';

/**
 * Reads vLLM's structured-output fields: `response_format` (`json_object`, `json_schema` with a
 * required `json_schema`), and the `structured_outputs` extra (`json`, `json_object`). The
 * pre-v0.12 `guided_json` / `guided_*` fields are silently ignored, as vLLM does since they were
 * removed: the answer is unconstrained text.
 *
 * @example
 * vllmStructuredOutput(exchange, chat) // { schema, json: true }, or undefined after a 400
 */
export function vllmStructuredOutput(
  exchange: Exchange,
  chat: OpenAIChat,
): StructuredOutputRequest | undefined {
  const reject = (message: string) => {
    exchange.json(400, vllmError(400, message));
    return undefined;
  };
  const structured = chat.body.structured_outputs;
  if (isSchemaObject(structured)) {
    const kinds = ['json', 'regex', 'choice', 'grammar', 'json_object', 'structural_tag'].filter(
      (key) => structured[key] !== undefined && structured[key] !== null && structured[key] !== false,
    );
    if (kinds.length > 1) {
      return reject(
        'You can only use one kind of structured outputs constraint but multiple are specified: ' +
          JSON.stringify(structured),
      );
    }
    if (chat.toolChoice !== undefined && typeof chat.toolChoice === 'object') {
      return reject('You can only either use constraints for structured outputs or tools, not both.');
    }
    if (isSchemaObject(structured.json)) return { schema: structured.json, json: true };
    if (typeof structured.json === 'string') {
      const parsed = parseSchema(structured.json);
      return parsed === undefined
        ? reject(`structured_outputs.json is not valid JSON: ${structured.json.slice(0, 60)}`)
        : { schema: parsed, json: true };
    }
    if (structured.json_object === true) return { json: true };
    return { json: false };
  }
  const format = chat.body.response_format;
  if (format === undefined || format === null) return { json: false };
  if (!isSchemaObject(format)) return reject('response_format: Input should be a valid dictionary or object');
  switch (format.type) {
    case 'text':
      return { json: false };
    case 'json_object':
      return { json: true };
    case 'json_schema': {
      const definition = format.json_schema;
      if (!isSchemaObject(definition)) {
        return reject(
          "When response_format type is 'json_schema', the 'json_schema' field must be provided.",
        );
      }
      return { schema: isSchemaObject(definition.schema) ? definition.schema : {}, json: true };
    }
    case 'structural_tag':
      return { json: false };
    default:
      return reject(
        `response_format.type: Input should be 'text', 'json_object', 'json_schema' or 'structural_tag' (got '${String(format.type)}')`,
      );
  }
}

function parseSchema(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isSchemaObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
