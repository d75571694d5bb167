import { isSchemaObject, type JsonSchema, resolveSchema, schemaTypes } from './resolve-schema.js';

/**
 * Checks a value against a JSON Schema and lists what is wrong, one `path: problem` line each
 * (empty when it conforms). Covers the keywords structured-output servers use: `type`, `enum`,
 * `const`, `properties`, `required`, `additionalProperties`, `items`, `minItems`/`maxItems`,
 * `minLength`/`maxLength`, `minimum`/`maximum` (and exclusive forms), `anyOf`/`oneOf`/`allOf`,
 * local `$ref`. `pattern` and `format` are not checked.
 *
 * @example
 * findSchemaViolations({ ok: 'yes' }, { type: 'object', properties: { ok: { type: 'boolean' } } })
 * // ['ok: expected boolean, got string']
 */
export function findSchemaViolations(value: unknown, schema: unknown, root: unknown = schema): string[] {
  const problems: string[] = [];
  check(value, schema, root, '(root)', problems, 0);
  return problems;
}

function check(
  value: unknown,
  input: unknown,
  root: unknown,
  path: string,
  problems: string[],
  depth: number,
) {
  if (depth > 64 || input === true) return;
  if (input === false) {
    problems.push(`${path}: no value is allowed here`);
    return;
  }
  const schema = resolveSchema(input, root);
  const types = schemaTypes(schema);
  if (types.length > 0 && !types.some((type) => hasType(value, type))) {
    problems.push(`${path}: expected ${types.join(' or ')}, got ${typeName(value)}`);
    return;
  }
  if ('const' in schema && !deepEqual(value, schema.const)) {
    problems.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => deepEqual(option, value))) {
    problems.push(`${path}: must be one of ${JSON.stringify(schema.enum)}`);
  }
  checkCombinators(value, schema, root, path, problems, depth);
  if (typeof value === 'string') checkString(value, schema, path, problems);
  if (typeof value === 'number') checkNumber(value, schema, path, problems);
  if (Array.isArray(value)) checkArray(value, schema, root, path, problems, depth);
  else if (isSchemaObject(value)) checkObject(value, schema, root, path, problems, depth);
}

function checkCombinators(
  value: unknown,
  schema: JsonSchema,
  root: unknown,
  path: string,
  problems: string[],
  depth: number,
) {
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) check(value, part, root, path, problems, depth + 1);
  }
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = schema[keyword];
    if (!Array.isArray(branches)) continue;
    const passing = branches.filter(
      (branch) => findSchemaViolations(value, branch, root).length === 0,
    ).length;
    if (passing === 0) problems.push(`${path}: matches no branch of ${keyword}`);
    else if (keyword === 'oneOf' && passing > 1)
      problems.push(`${path}: matches ${passing} branches of oneOf`);
  }
}

function checkString(value: string, schema: JsonSchema, path: string, problems: string[]) {
  const length = [...value].length;
  if (typeof schema.minLength === 'number' && length < schema.minLength) {
    problems.push(`${path}: shorter than minLength ${schema.minLength}`);
  }
  if (typeof schema.maxLength === 'number' && length > schema.maxLength) {
    problems.push(`${path}: longer than maxLength ${schema.maxLength}`);
  }
}

function checkNumber(value: number, schema: JsonSchema, path: string, problems: string[]) {
  const bound = (name: string, fails: (limit: number) => boolean) => {
    const limit = schema[name];
    if (typeof limit === 'number' && fails(limit)) problems.push(`${path}: violates ${name} ${limit}`);
  };
  bound('minimum', (limit) => value < limit);
  bound('maximum', (limit) => value > limit);
  bound('exclusiveMinimum', (limit) => value <= limit);
  bound('exclusiveMaximum', (limit) => value >= limit);
}

function checkArray(
  value: readonly unknown[],
  schema: JsonSchema,
  root: unknown,
  path: string,
  problems: string[],
  depth: number,
) {
  if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
    problems.push(`${path}: fewer than minItems ${schema.minItems}`);
  }
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
    problems.push(`${path}: more than maxItems ${schema.maxItems}`);
  }
  if (schema.items === undefined) return;
  value.forEach((item, index) => {
    check(item, schema.items, root, `${path === '(root)' ? '' : path}[${index}]`, problems, depth + 1);
  });
}

function checkObject(
  value: Readonly<Record<string, unknown>>,
  schema: JsonSchema,
  root: unknown,
  path: string,
  problems: string[],
  depth: number,
) {
  const properties = isSchemaObject(schema.properties) ? schema.properties : {};
  const prefix = path === '(root)' ? '' : `${path}.`;
  for (const name of Array.isArray(schema.required) ? schema.required : []) {
    if (typeof name === 'string' && !(name in value))
      problems.push(`${prefix}${name}: required property is missing`);
  }
  for (const [name, item] of Object.entries(value)) {
    if (name in properties) check(item, properties[name], root, `${prefix}${name}`, problems, depth + 1);
    else if (schema.additionalProperties === false)
      problems.push(`${prefix}${name}: property is not allowed`);
    else if (isSchemaObject(schema.additionalProperties)) {
      check(item, schema.additionalProperties, root, `${prefix}${name}`, problems, depth + 1);
    }
  }
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isSchemaObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      return true;
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function deepEqual(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}
