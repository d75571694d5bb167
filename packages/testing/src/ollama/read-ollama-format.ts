import { isSchemaObject, type JsonSchema } from '../json-schema/resolve-schema.js';

const schemaTypes = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);

/**
 * Reads `/api/chat`'s `format` as Ollama does: `"json"` (any JSON), a JSON Schema object, or
 * absent (`null`, `""`). Any other string fails with Ollama's "invalid format" message; an object
 * that is not a JSON Schema (such as OpenAI's `{type:'json_schema', json_schema:{…}}` wrapper)
 * fails with "invalid JSON schema in format", as the grammar conversion does.
 *
 * @example
 * readOllamaFormat('json') // { json: true }
 */
export function readOllamaFormat(
  format: unknown,
): { readonly json: boolean; readonly schema?: JsonSchema } | { readonly error: string } {
  if (format === undefined || format === null || format === '') return { json: false };
  if (format === 'json') return { json: true };
  if (!isSchemaObject(format)) {
    const raw = JSON.stringify(format);
    return { error: `invalid format: ${JSON.stringify(raw)}; expected "json" or a valid JSON Schema object` };
  }
  const types = Array.isArray(format.type) ? format.type : format.type === undefined ? [] : [format.type];
  if (types.some((type) => typeof type !== 'string' || !schemaTypes.has(type))) {
    return { error: 'invalid JSON schema in format' };
  }
  return { json: true, schema: format };
}
