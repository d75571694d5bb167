/**
 * BFCL writes parameter types in Python/Java/JavaScript terms. JSON Schema names for each; `any`
 * (and an empty type) means "no constraint", so the `type` keyword is dropped.
 */
const jsonSchemaTypes: Readonly<Record<string, string | undefined>> = {
  dict: 'object',
  object: 'object',
  HashMap: 'object',
  Hashtable: 'object',
  float: 'number',
  double: 'number',
  number: 'number',
  integer: 'integer',
  int: 'integer',
  long: 'integer',
  short: 'integer',
  byte: 'integer',
  string: 'string',
  String: 'string',
  char: 'string',
  boolean: 'boolean',
  bool: 'boolean',
  Boolean: 'boolean',
  array: 'array',
  list: 'array',
  tuple: 'array',
  Array: 'array',
  ArrayList: 'array',
  Queue: 'array',
  Stack: 'array',
  null: 'null',
  any: undefined,
  Any: undefined,
  '': undefined,
};

/** BFCL-only keywords that are not JSON Schema. */
const droppedKeywords = new Set(['optional', 'response']);

/**
 * Converts a BFCL parameter schema to JSON Schema, recursively: `dict` → `object`, `float` →
 * `number`, `tuple` → `array`, Java/JS names (`String`, `HashMap`, `ArrayList`, `long`…) to their
 * JSON Schema types, and `any` → no `type` at all. A list of `items` (a tuple) becomes
 * `prefixItems`. Unknown type names fail loudly rather than producing a schema no server accepts.
 *
 * @example
 * convertBfclSchema({ type: 'dict', properties: { x: { type: 'float' } }, required: ['x'] });
 * // { type: 'object', properties: { x: { type: 'number' } }, required: ['x'] }
 */
export function convertBfclSchema(schema: unknown, path = 'parameters'): Record<string, unknown> {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (droppedKeywords.has(key)) continue;
    if (key === 'type') {
      const converted = convertType(value, path);
      if (converted !== undefined) out.type = converted;
    } else if (key === 'properties' && isRecord(value)) {
      const properties: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(value)) {
        properties[name] = convertBfclSchema(property, `${path}.${name}`);
      }
      out.properties = properties;
    } else if (key === 'items' && Array.isArray(value)) {
      out.prefixItems = value.map((item, index) => convertBfclSchema(item, `${path}[${index}]`));
    } else if ((key === 'items' || key === 'additionalProperties') && isRecord(value)) {
      out[key] = convertBfclSchema(value, `${path}[]`);
    } else if ((key === 'anyOf' || key === 'oneOf' || key === 'allOf') && Array.isArray(value)) {
      out[key] = value.map((item, index) => convertBfclSchema(item, `${path}.${key}[${index}]`));
    } else {
      out[key] = value;
    }
  }
  return out;
}

function convertType(value: unknown, path: string): string | string[] | undefined {
  if (Array.isArray(value)) {
    const types = value.map((item) => convertType(item, path)).filter((item) => typeof item === 'string');
    return types.length === value.length ? types : undefined;
  }
  if (typeof value !== 'string')
    throw new TypeError(`${path}.type: expected a type name, got ${typeof value}`);
  if (!(value in jsonSchemaTypes)) throw new TypeError(`${path}.type: unknown BFCL type '${value}'`);
  return jsonSchemaTypes[value];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
