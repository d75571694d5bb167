import { isSchemaObject, type JsonSchema, resolveSchema, schemaTypes } from './resolve-schema.js';

const formatExamples: Readonly<Record<string, string>> = {
  'date-time': '1970-01-01T00:00:00Z',
  date: '1970-01-01',
  time: '00:00:00',
  email: 'user@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
  uuid: '00000000-0000-4000-8000-000000000000',
  ipv4: '127.0.0.1',
  ipv6: '::1',
  hostname: 'example.com',
};

/**
 * The smallest value that satisfies a JSON Schema, the way the emulators answer structured-output
 * requests: required properties only, each with its type's default (`''`, `0`, `false`, `[]`,
 * `{}`, `null`), the first `enum`/`const` value, the first `anyOf`/`oneOf` branch, bounds
 * (`minimum`, `minLength`, `minItems`) respected. `pattern` is not honoured.
 *
 * @example
 * minimalInstance({ type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] })
 * // { ok: false }
 */
export function minimalInstance(schema: unknown, root: unknown = schema): unknown {
  return build(schema, root, 0);
}

function build(input: unknown, root: unknown, depth: number): unknown {
  if (depth > 32 || input === true || input === false) return null;
  const schema = resolveSchema(input, root);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const branches = Array.isArray(schema.anyOf)
    ? schema.anyOf
    : Array.isArray(schema.oneOf)
      ? schema.oneOf
      : [];
  if (branches.length > 0) return build(branches[0], root, depth + 1);
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0)
    return build(mergeAllOf(schema, root), root, depth + 1);
  const type = schemaTypes(schema).find((name) => name !== 'null') ?? schemaTypes(schema)[0];
  switch (type) {
    case 'object':
      return buildObject(schema, root, depth);
    case 'array': {
      const count = typeof schema.minItems === 'number' ? schema.minItems : 0;
      return Array.from({ length: count }, () => build(schema.items ?? {}, root, depth + 1));
    }
    case 'string':
      return buildString(schema);
    case 'integer':
    case 'number':
      return buildNumber(schema, type === 'integer');
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return {};
  }
}

function buildObject(schema: JsonSchema, root: unknown, depth: number): Record<string, unknown> {
  const properties = isSchemaObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  const result: Record<string, unknown> = {};
  for (const name of required) {
    if (typeof name !== 'string') continue;
    result[name] = build(properties[name] ?? {}, root, depth + 1);
  }
  return result;
}

function buildString(schema: JsonSchema): string {
  const example = typeof schema.format === 'string' ? formatExamples[schema.format] : undefined;
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  if (example !== undefined && example.length >= minLength) return example;
  return 'a'.repeat(minLength);
}

function buildNumber(schema: JsonSchema, integer: boolean): number {
  const minimum = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  const maximum = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  const exclusiveMinimum = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined;
  const exclusiveMaximum = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : undefined;
  let value = 0;
  if (minimum !== undefined && value < minimum) value = integer ? Math.ceil(minimum) : minimum;
  if (exclusiveMinimum !== undefined && value <= exclusiveMinimum) {
    const upper = exclusiveMaximum ?? maximum;
    value = integer
      ? Math.floor(exclusiveMinimum) + 1
      : upper === undefined
        ? exclusiveMinimum + 1
        : (exclusiveMinimum + upper) / 2;
  }
  if (maximum !== undefined && value > maximum) value = integer ? Math.floor(maximum) : maximum;
  if (exclusiveMaximum !== undefined && value >= exclusiveMaximum) {
    value = integer ? Math.ceil(exclusiveMaximum) - 1 : exclusiveMaximum - 1;
  }
  return value;
}

function mergeAllOf(schema: JsonSchema, root: unknown): JsonSchema {
  const properties: Record<string, unknown> = {};
  const required: unknown[] = [];
  let type: unknown;
  for (const part of [schema, ...(schema.allOf as unknown[])]) {
    const resolved = resolveSchema(part, root);
    if (isSchemaObject(resolved.properties)) Object.assign(properties, resolved.properties);
    if (Array.isArray(resolved.required)) required.push(...resolved.required);
    type ??= resolved.type;
  }
  return { type: type ?? 'object', properties, required };
}
