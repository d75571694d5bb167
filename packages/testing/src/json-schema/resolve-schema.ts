/** A JSON Schema as plain data (object form; `true`/`false` schemas are handled where allowed). */
export type JsonSchema = { readonly [key: string]: unknown };

/**
 * Follows local `$ref`s (`#/$defs/x`, `#/definitions/x`, `#`) until a schema without one.
 * Throws when a reference cannot be resolved, naming it.
 *
 * @example
 * resolveSchema({ $ref: '#/$defs/point' }, root) // root.$defs.point
 */
export function resolveSchema(schema: unknown, root: unknown): JsonSchema {
  let current = schema;
  for (let hops = 0; hops < 32; hops += 1) {
    if (!isSchemaObject(current)) return {};
    const reference = current.$ref;
    if (typeof reference !== 'string') return current;
    current = lookUp(reference, root);
  }
  throw new Error('JSON Schema $ref chain is too deep (more than 32 hops)');
}

/**
 * True for a schema in object form.
 *
 * @example
 * isSchemaObject({ type: 'string' }) // true
 */
export function isSchemaObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The `type` of a schema as a list (`type: 'string'` → `['string']`; none → `[]`). A schema with
 * `properties` but no `type` counts as an object.
 *
 * @example
 * schemaTypes({ type: ['string', 'null'] }) // ['string', 'null']
 */
export function schemaTypes(schema: JsonSchema): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type))
    return schema.type.filter((type): type is string => typeof type === 'string');
  if (isSchemaObject(schema.properties) || Array.isArray(schema.required)) return ['object'];
  if (schema.items !== undefined) return ['array'];
  return [];
}

function lookUp(reference: string, root: unknown): unknown {
  if (!reference.startsWith('#')) {
    throw new Error(`JSON Schema $ref '${reference}' is not local; only '#/…' references are supported`);
  }
  let node: unknown = root;
  for (const rawSegment of reference
    .slice(1)
    .split('/')
    .filter((segment) => segment !== '')) {
    const segment = decodeURIComponent(rawSegment).replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isSchemaObject(node) || !(segment in node)) {
      throw new Error(`JSON Schema $ref '${reference}' does not resolve`);
    }
    node = node[segment];
  }
  return node;
}
