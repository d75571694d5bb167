/**
 * Size of a JSON Schema as a number of schema nodes, from a bounded walk.
 *
 * Every schema object reached counts 1: the root, each entry of `properties`,
 * `patternProperties`, `$defs`, `definitions` and `dependentSchemas`, each member of `anyOf`,
 * `oneOf`, `allOf` and `prefixItems` (and of an array-form `items`), and the schema under `items`,
 * `additionalProperties`, `additionalItems`, `unevaluatedProperties`, `unevaluatedItems`,
 * `contains`, `propertyNames`, `not`, `if`, `then` and `else`. Boolean schemas and `$ref` targets
 * are not followed.
 */

/** Deepest nesting the walk enters. */
export const SCHEMA_WALK_MAX_DEPTH = 32;
/** The walk stops counting at this many nodes (the result is then this number). */
export const SCHEMA_WALK_MAX_NODES = 10_000;

const schemaMapKeywords = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const schemaListKeywords = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const schemaKeywords = [
  'items',
  'additionalProperties',
  'additionalItems',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Walk budget; the walk is synchronous, so module state is safe.
let remainingNodes = 0;

function visit(schema: unknown, depth: number): void {
  if (!isObject(schema) || remainingNodes <= 0 || depth > SCHEMA_WALK_MAX_DEPTH) return;
  remainingNodes--;
  for (const keyword of schemaMapKeywords) {
    const map = schema[keyword];
    if (isObject(map)) {
      for (const name in map) visit(map[name], depth + 1);
    }
  }
  for (const keyword of schemaListKeywords) {
    const list = schema[keyword];
    if (Array.isArray(list)) {
      for (const member of list) visit(member, depth + 1);
    }
  }
  for (const keyword of schemaKeywords) {
    const value = schema[keyword];
    if (Array.isArray(value)) {
      // Draft-04 tuple form of `items`.
      for (const member of value) visit(member, depth + 1);
    } else {
      visit(value, depth + 1);
    }
  }
}

/**
 * Counts the schema nodes of a JSON Schema (at most {@link SCHEMA_WALK_MAX_NODES}).
 *
 * @example
 * ```ts
 * countSchemaNodes({
 *   type: 'object',
 *   properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
 * }); // 4: the root, name, tags and its items
 * ```
 */
export function countSchemaNodes(schema: unknown): number {
  remainingNodes = SCHEMA_WALK_MAX_NODES;
  visit(schema, 0);
  return SCHEMA_WALK_MAX_NODES - remainingNodes;
}
