/** Keywords OpenAI's strict structured outputs do not accept. */
const unsupportedInStrictMode = new Set(['default', 'optional']);

/**
 * Makes a JSON Schema fit OpenAI's strict structured outputs, the documented way: every object
 * gets `additionalProperties: false` and lists all its properties as required; a property that
 * was optional becomes nullable instead (`type: ['string', 'null']`). Unsupported keywords such
 * as `default` are dropped. Returns a new schema.
 *
 * @example
 * toStrictSchema({ type: 'object', properties: { unit: { type: 'string' } } });
 * // { type: 'object', properties: { unit: { type: ['string', 'null'] } }, required: ['unit'], additionalProperties: false }
 */
export function toStrictSchema(schema: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (unsupportedInStrictMode.has(key)) continue;
    if (key === 'properties' && isRecord(value)) continue;
    if ((key === 'items' || key === 'additionalProperties') && isRecord(value))
      out[key] = toStrictSchema(value);
    else if ((key === 'anyOf' || key === 'prefixItems') && Array.isArray(value)) {
      out[key] = value.map((item) => (isRecord(item) ? toStrictSchema(item) : item));
    } else out[key] = value;
  }
  const isObject = schema.type === 'object' || isRecord(schema.properties);
  if (!isObject) return out;
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const strictProperties: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    const strict = isRecord(property) ? toStrictSchema(property) : {};
    strictProperties[name] = required.has(name) ? strict : nullable(strict);
  }
  out.type = 'object';
  out.properties = strictProperties;
  out.required = Object.keys(strictProperties);
  out.additionalProperties = false;
  return out;
}

function nullable(schema: Record<string, unknown>): Record<string, unknown> {
  const type = schema.type;
  if (typeof type === 'string') return type === 'null' ? schema : { ...schema, type: [type, 'null'] };
  if (Array.isArray(type)) return type.includes('null') ? schema : { ...schema, type: [...type, 'null'] };
  return { anyOf: [schema, { type: 'null' }] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
