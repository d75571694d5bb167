import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { LRUCache } from 'lru-cache';

/** The result of checking a value against a JSON Schema. */
export type SchemaCheck = { readonly valid: true } | { readonly valid: false; readonly errors: string[] };

/** A compiled JSON Schema. */
export type JsonSchemaValidator = (value: unknown) => SchemaCheck;

const ajvOptions: Options = {
  allErrors: true,
  // Schemas written for OpenAI carry keywords ajv's strict mode rejects; formats need ajv-formats,
  // which is not a dependency, so `format` is treated as an annotation.
  strict: false,
  validateFormats: false,
  logger: false,
};

type AjvInstance = {
  compile(schema: object): ValidateFunction;
  removeSchema(schema: object): unknown;
};
let draft7: AjvInstance | undefined;
let draft2019: AjvInstance | undefined;
let draft2020: AjvInstance | undefined;

/** Compiles with the ajv that speaks the schema's dialect; other dialects are read as draft-07. */
function compile(schema: Record<string, unknown>): ValidateFunction {
  const dialect = typeof schema.$schema === 'string' ? schema.$schema : '';
  let ajv: AjvInstance;
  let compiled: Record<string, unknown> = schema;
  if (dialect.includes('2020-12')) ajv = draft2020 ??= new Ajv2020(ajvOptions);
  else if (dialect.includes('2019-09')) ajv = draft2019 ??= new Ajv2019(ajvOptions);
  else {
    ajv = draft7 ??= new Ajv(ajvOptions);
    if (dialect !== '') {
      const { $schema: _dialect, ...rest } = schema;
      compiled = rest;
    }
  }
  const validate = ajv.compile(compiled);
  // ajv keeps every compiled schema (by object identity, and by $id): drop it from ajv's own
  // registry so the LRU below is the only cache, bounded, and a re-sent $id compiles again.
  ajv.removeSchema(compiled);
  return validate;
}

const cache = new LRUCache<string, JsonSchemaValidator>({ max: 256 });

/**
 * Compiles a JSON Schema with ajv (draft-07 by default; 2019-09 and 2020-12 when `$schema` says
 * so; any other `$schema` is read as draft-07), caching the validator by the schema's JSON text (LRU, 256 schemas), so a schema sent with
 * every request is compiled once. Throws the ajv error when the schema itself is invalid.
 *
 * @example
 * const check = jsonSchemaValidator({ type: 'object', required: ['name'] });
 * check({}); // { valid: false, errors: ["(root): must have required property 'name'"] }
 */
export function jsonSchemaValidator(schema: Record<string, unknown>): JsonSchemaValidator {
  const key = JSON.stringify(schema);
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const validate = compile(schema);
  const validator: JsonSchemaValidator = (value) =>
    validate(value) ? { valid: true } : { valid: false, errors: formatAjvErrors(validate.errors ?? []) };
  cache.set(key, validator);
  return validator;
}

/**
 * Renders ajv errors as `path: problem` lines, naming the offending property where ajv puts it in
 * `params` (an extra property, a failed enum's allowed values).
 *
 * @example
 * formatAjvErrors(validate.errors ?? []); // ['/price: must be number']
 */
export function formatAjvErrors(errors: readonly ErrorObject[]): string[] {
  return errors.map((error) => {
    const path = error.instancePath === '' ? '(root)' : error.instancePath;
    const params = error.params as Record<string, unknown>;
    let detail = error.message ?? error.keyword;
    if (error.keyword === 'additionalProperties') detail += ` ('${String(params.additionalProperty)}')`;
    if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
      detail += `: ${params.allowedValues.map((value) => JSON.stringify(value)).join(', ')}`;
    }
    return `${path}: ${detail}`;
  });
}
