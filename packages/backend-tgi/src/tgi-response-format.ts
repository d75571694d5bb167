/** TGI's grammar shape: `{type: 'json', value: <schema>}` or `{type: 'regex', value: '<regex>'}`. */
export type TgiGrammar = { readonly type: 'json' | 'regex' | 'json_schema'; readonly value: unknown };

/**
 * Converts an OpenAI `response_format` to TGI's adjacently tagged grammar, which TGI requires
 * (the OpenAI form fails with 422 "missing field `value`"): `json_schema` → `{type: 'json',
 * value: schema}`, `json_object` (no schema) → `{type: 'json', value: {type: 'object'}}`, `text` →
 * none. A value already in TGI's form passes through.
 *
 * @example
 * toTgiResponseFormat({ type: 'json_object' }); // → { type: 'json', value: { type: 'object' } }
 */
export function toTgiResponseFormat(format: unknown): TgiGrammar | undefined {
  if (typeof format !== 'object' || format === null) return undefined;
  const record = format as Record<string, unknown>;
  if (
    'value' in record &&
    (record.type === 'json' || record.type === 'regex' || record.type === 'json_schema')
  ) {
    return record as TgiGrammar;
  }
  switch (record.type) {
    case 'json_schema': {
      const nested = record.json_schema as Record<string, unknown> | undefined;
      const schema = nested?.schema ?? record.schema;
      return {
        type: 'json',
        value: typeof schema === 'object' && schema !== null ? schema : { type: 'object' },
      };
    }
    case 'json_object':
    case 'json': {
      const schema = record.schema ?? record.value;
      return {
        type: 'json',
        value: typeof schema === 'object' && schema !== null ? schema : { type: 'object' },
      };
    }
    default:
      return undefined;
  }
}
