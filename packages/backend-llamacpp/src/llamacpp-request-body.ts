import type { RequestBodyContext } from '@switchyard/backend-kit';

/**
 * llama-server request quirks. Structured output must use the nested OpenAI form
 * `response_format: {type: 'json_schema', json_schema: {schema}}`: the flat
 * `{type: 'json_schema', schema}` form from its README is silently ignored (the server then only
 * forces "some JSON object"), so a flat form is rewritten. `n > 1` works but usage counts one
 * choice, which the caller is told.
 *
 * @example
 * prepareLlamaCppBody({ response_format: { type: 'json_schema', schema: { type: 'object' } } }, context);
 * // → { response_format: { type: 'json_schema', json_schema: { name: 'response', schema: { type: 'object' } } } }
 */
export function prepareLlamaCppBody(
  body: Record<string, unknown>,
  context: RequestBodyContext,
): Record<string, unknown> {
  const result = { ...body };
  const format = body.response_format as Record<string, unknown> | undefined;
  if (format?.type === 'json_schema') {
    const nested = format.json_schema as Record<string, unknown> | undefined;
    if (nested === undefined && format.schema !== undefined) {
      result.response_format = {
        type: 'json_schema',
        json_schema: { name: 'response', schema: format.schema },
      };
      context.warnings.push(
        'rewrote the flat response_format {type:"json_schema", schema} to the nested json_schema form llama-server reads',
      );
    } else if (nested?.schema === undefined) {
      context.warnings.push(
        'response_format json_schema has no schema: llama-server only enforces "a JSON object"',
      );
    }
  }
  if (typeof body.n === 'number' && body.n > 1) {
    context.warnings.push('llama-server reports usage for one choice only when n > 1');
  }
  return result;
}
