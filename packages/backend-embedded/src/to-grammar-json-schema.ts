import { EmbeddedRequestError } from './embedded-call-error.js';

/** A JSON Schema in the subset node-llama-cpp turns into a grammar (its `GbnfJsonSchema`). */
export type GrammarJsonSchema = { readonly [keyword: string]: unknown };

/** The grammar-ready schema and the keywords the grammar cannot enforce. */
export type GrammarJsonSchemaResult = {
  readonly schema: GrammarJsonSchema;
  /** `path: keyword` entries the output may violate (e.g. `#/properties/age: minimum`). */
  readonly notEnforced: readonly string[];
};

const jsonTypes = new Set(['string', 'number', 'integer', 'boolean', 'null', 'object', 'array']);
const primitiveTypes = ['string', 'number', 'integer', 'boolean', 'null'];
const supportedFormats = new Set(['date-time', 'date', 'time']);
/** Validation keywords a grammar cannot express; they are reported, not enforced. */
const unenforceableKeywords = [
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'uniqueItems',
  'contains',
  'minContains',
  'maxContains',
  'not',
  'if',
  'then',
  'else',
  'dependentRequired',
  'dependentSchemas',
  'dependencies',
  'patternProperties',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
];
const anyJsonValue: GrammarJsonSchema = {
  oneOf: [{ type: primitiveTypes }, { type: 'object', additionalProperties: true }, { type: 'array' }],
};

/**
 * Rewrites a JSON Schema into the subset node-llama-cpp compiles into a grammar, so that what it
 * generates is valid under the original schema: `anyOf` becomes `oneOf`, `definitions` become
 * `$defs`, a missing `type` is inferred, type lists with `object`/`array` are split, required
 * keys without a property schema get one. Every listed property is generated (a grammar cannot
 * leave optional ones out, and emitting them is still valid), and properties not listed are
 * not generated unless `additionalProperties` allows them.
 *
 * Throws an `EmbeddedRequestError` with code `invalid-request` for a schema that is not valid
 * JSON Schema (unknown type, `enum` that is not an array, a `$ref` to nothing) and `unsupported`
 * for valid constructs the grammar cannot express (remote or recursive `$ref`, `allOf` of
 * several schemas, object/array values in `enum`). Pure value checks (`minimum`, `pattern`,
 * `format: email`…) are listed in `notEnforced`.
 *
 * @example
 * toGrammarJsonSchema({ type: 'object', properties: { n: { type: 'integer', minimum: 0 } } });
 * // { schema: { type: 'object', properties: { n: { type: 'integer' } } }, notEnforced: ['#/properties/n: minimum'] }
 */
export function toGrammarJsonSchema(schema: unknown): GrammarJsonSchemaResult {
  const notEnforced: string[] = [];
  if (!isRecord(schema)) {
    throw invalid('#', 'the schema must be a JSON object');
  }
  const definitions = {
    ...recordOrEmpty(schema.definitions, '#/definitions'),
    ...recordOrEmpty(schema.$defs, '#/$defs'),
  };
  const context: Context = { definitionNames: new Set(Object.keys(definitions)), notEnforced };
  const root = convert(stripDefinitions(schema), '#', context);
  if (Object.keys(definitions).length === 0) return { schema: root, notEnforced };
  const $defs: Record<string, GrammarJsonSchema> = {};
  for (const [name, definition] of Object.entries(definitions)) {
    $defs[name] = convert(definition, `#/$defs/${name}`, context);
  }
  // node-llama-cpp resolves `$defs` declared on a oneOf/object/array/$ref node; wrap anything else.
  const holdsDefinitions =
    'oneOf' in root || '$ref' in root || root.type === 'object' || root.type === 'array';
  return { schema: holdsDefinitions ? { ...root, $defs } : { oneOf: [root], $defs }, notEnforced };
}

type Context = { readonly definitionNames: ReadonlySet<string>; readonly notEnforced: string[] };

function convert(schema: unknown, path: string, context: Context): GrammarJsonSchema {
  if (schema === true) return anyJsonValue;
  if (schema === false) throw invalid(path, 'the schema `false` matches nothing');
  if (!isRecord(schema)) throw invalid(path, 'a schema must be an object or a boolean');
  for (const keyword of unenforceableKeywords) {
    if (keyword in schema) context.notEnforced.push(`${path}: ${keyword}`);
  }
  const annotations = typeof schema.description === 'string' ? { description: schema.description } : {};

  if (schema.$ref !== undefined) return { ...convertReference(schema.$ref, path, context), ...annotations };
  if (schema.allOf !== undefined) {
    const parts = arrayOf(schema.allOf, `${path}/allOf`);
    if (parts.length !== 1)
      throw unsupported(path, 'allOf with several schemas cannot be turned into a grammar');
    const { allOf: _allOf, ...rest } = schema;
    return convert({ ...rest, ...(parts[0] as object) }, path, context);
  }
  if (schema.const !== undefined) return { const: literal(schema.const, `${path}/const`), ...annotations };
  if (schema.enum !== undefined) {
    const values = arrayOf(schema.enum, `${path}/enum`);
    if (values.length === 0) throw invalid(`${path}/enum`, 'enum must list at least one value');
    return { enum: values.map((value, index) => literal(value, `${path}/enum/${index}`)), ...annotations };
  }
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives !== undefined) {
    const keyword = schema.oneOf !== undefined ? 'oneOf' : 'anyOf';
    const options = arrayOf(alternatives, `${path}/${keyword}`);
    if (options.length === 0) throw invalid(`${path}/${keyword}`, `${keyword} must list at least one schema`);
    return {
      oneOf: options.map((option, index) => convert(option, `${path}/${keyword}/${index}`, context)),
      ...annotations,
    };
  }

  const types = typesOf(schema, path);
  if (types === undefined) return { ...anyJsonValue, ...annotations };
  const converted = types.map((type) => convertTyped(type, schema, path, context));
  if (converted.length === 1) return { ...converted[0], ...annotations };
  // Plain primitive types share one node (`type: [...]`); objects, arrays, constrained strings split.
  const plain = converted.every(
    (node) => Object.keys(node).length === 1 && primitiveTypes.includes(node.type as string),
  );
  return plain ? { type: types, ...annotations } : { oneOf: converted, ...annotations };
}

function convertTyped(
  type: string,
  schema: Record<string, unknown>,
  path: string,
  context: Context,
): GrammarJsonSchema {
  if (type === 'object') return convertObject(schema, path, context);
  if (type === 'array') return convertArray(schema, path, context);
  if (type === 'string') {
    if (typeof schema.format === 'string') {
      if (supportedFormats.has(schema.format)) return { type: 'string', format: schema.format };
      context.notEnforced.push(`${path}: format ${schema.format}`);
    }
    const minLength = nonNegativeInteger(schema.minLength, `${path}/minLength`);
    const maxLength = nonNegativeInteger(schema.maxLength, `${path}/maxLength`);
    return {
      type: 'string',
      ...(minLength === undefined ? {} : { minLength }),
      ...(maxLength === undefined ? {} : { maxLength }),
    };
  }
  return { type };
}

function convertObject(schema: Record<string, unknown>, path: string, context: Context): GrammarJsonSchema {
  const properties: Record<string, GrammarJsonSchema> = {};
  for (const [name, property] of Object.entries(recordOrEmpty(schema.properties, `${path}/properties`))) {
    properties[name] = convert(property, `${path}/properties/${name}`, context);
  }
  const additional = schema.additionalProperties;
  const additionalProperties =
    additional === undefined || additional === false
      ? undefined
      : additional === true
        ? true
        : convert(additional, `${path}/additionalProperties`, context);
  for (const name of arrayOf(schema.required ?? [], `${path}/required`)) {
    if (typeof name !== 'string') throw invalid(`${path}/required`, 'required must list property names');
    if (!(name in properties)) {
      properties[name] = typeof additionalProperties === 'object' ? additionalProperties : anyJsonValue;
    }
  }
  const minProperties = nonNegativeInteger(schema.minProperties, `${path}/minProperties`);
  const maxProperties = nonNegativeInteger(schema.maxProperties, `${path}/maxProperties`);
  return {
    type: 'object',
    properties,
    ...(additionalProperties === undefined ? {} : { additionalProperties }),
    ...(minProperties === undefined ? {} : { minProperties }),
    ...(maxProperties === undefined ? {} : { maxProperties }),
  };
}

function convertArray(schema: Record<string, unknown>, path: string, context: Context): GrammarJsonSchema {
  // Draft 4–2019: `items` as a list is a tuple and `additionalItems` the rest; 2020-12: `prefixItems`.
  const tuple = Array.isArray(schema.items) ? schema.items : schema.prefixItems;
  const rest = Array.isArray(schema.items) ? schema.additionalItems : schema.items;
  const prefixItems =
    tuple === undefined
      ? undefined
      : arrayOf(tuple, `${path}/prefixItems`).map((item, index) =>
          convert(item, `${path}/prefixItems/${index}`, context),
        );
  let maxItems = nonNegativeInteger(schema.maxItems, `${path}/maxItems`);
  const minItems = nonNegativeInteger(schema.minItems, `${path}/minItems`);
  let items: GrammarJsonSchema | undefined;
  if (rest === false) {
    maxItems = Math.min(maxItems ?? Number.POSITIVE_INFINITY, prefixItems?.length ?? 0);
  } else if (rest !== undefined && rest !== true) {
    items = convert(rest, `${path}/items`, context);
  }
  return {
    type: 'array',
    ...(items === undefined ? {} : { items }),
    ...(prefixItems === undefined ? {} : { prefixItems }),
    ...(minItems === undefined ? {} : { minItems }),
    ...(maxItems === undefined ? {} : { maxItems }),
  };
}

function convertReference(reference: unknown, path: string, context: Context): GrammarJsonSchema {
  if (typeof reference !== 'string') throw invalid(`${path}/$ref`, '$ref must be a string');
  const match = /^#\/(?:\$defs|definitions)\/([^/]+)$/.exec(reference);
  if (match === null) {
    throw unsupported(
      path,
      `$ref '${reference}' is not supported; only local '#/$defs/<name>' references are`,
    );
  }
  const name = decodeURIComponent(match[1]!.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (!context.definitionNames.has(name)) {
    throw invalid(path, `$ref '${reference}' points to no definition in the root $defs or definitions`);
  }
  return { $ref: `#/$defs/${name}` };
}

function typesOf(schema: Record<string, unknown>, path: string): string[] | undefined {
  const type = schema.type;
  if (type === undefined) {
    if ('properties' in schema || 'additionalProperties' in schema || 'required' in schema) return ['object'];
    if ('items' in schema || 'prefixItems' in schema) return ['array'];
    return undefined;
  }
  const types = typeof type === 'string' ? [type] : arrayOf(type, `${path}/type`);
  if (types.length === 0) throw invalid(`${path}/type`, 'type must name at least one type');
  for (const name of types) {
    if (typeof name !== 'string' || !jsonTypes.has(name)) {
      throw invalid(
        `${path}/type`,
        `unknown type ${JSON.stringify(name)}; expected one of ${[...jsonTypes].join(', ')}`,
      );
    }
  }
  return types as string[];
}

function stripDefinitions(schema: Record<string, unknown>): Record<string, unknown> {
  const { definitions: _definitions, $defs: _defs, ...rest } = schema;
  return rest;
}

function literal(value: unknown, path: string): string | number | boolean | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw unsupported(path, 'only string, number, boolean and null literals can be turned into a grammar');
}

function nonNegativeInteger(value: unknown, path: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw invalid(path, 'must be a non-negative integer');
  }
  return value;
}

function arrayOf(value: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(value)) throw invalid(path, 'must be an array');
  return value;
}

function recordOrEmpty(value: unknown, path: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isRecord(value)) throw invalid(path, 'must be an object');
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(path: string, problem: string): EmbeddedRequestError {
  return new EmbeddedRequestError('invalid-request', `response_format JSON schema at ${path}: ${problem}`);
}

function unsupported(path: string, problem: string): EmbeddedRequestError {
  return new EmbeddedRequestError('unsupported', `response_format JSON schema at ${path}: ${problem}`);
}
