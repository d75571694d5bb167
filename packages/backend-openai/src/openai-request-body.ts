import type { RequestBodyContext } from '@switchyard/backend-kit';

/**
 * OpenAI request quirks: a `json_schema` response format is sent with `strict: true` unless the
 * caller set `strict` explicitly — without it OpenAI does not enforce the schema. (Strict mode needs
 * every property in `required` and `additionalProperties: false`; OpenAI answers 400 otherwise.)
 *
 * @example
 * prepareOpenAIBody({ response_format: { type: 'json_schema', json_schema: { name: 'x', schema } } }, context);
 * // → response_format.json_schema.strict === true
 */
export function prepareOpenAIBody(
  body: Record<string, unknown>,
  _context: RequestBodyContext,
): Record<string, unknown> {
  const format = body.response_format as
    | { type?: unknown; json_schema?: Record<string, unknown> }
    | undefined;
  if (format?.type !== 'json_schema' || format.json_schema === undefined) return body;
  const strict = format.json_schema.strict;
  if (typeof strict === 'boolean') return body;
  return { ...body, response_format: { ...format, json_schema: { ...format.json_schema, strict: true } } };
}
