import { findSchemaViolations } from './find-schema-violations.js';
import { minimalInstance } from './minimal-instance.js';
import { isSchemaObject, resolveSchema, schemaTypes } from './resolve-schema.js';

const candidates: readonly unknown[] = [
  'not a number',
  42,
  { unexpected: true },
  ['unexpected'],
  true,
  null,
  '\u0000not-an-allowed-value',
];

/**
 * A JSON value that does NOT satisfy a schema, for the `invalid-structured-output` fault. For an
 * object schema it is the minimal instance with its first required property (else first
 * property) given a value of the wrong type, which looks like a model's near miss; otherwise the
 * first of a few wrong-typed values that the schema rejects. Returns `undefined` when the schema
 * accepts every value tried (e.g. `{}`).
 *
 * @example
 * violatingInstance({ type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] })
 * // { n: 'not a number' }
 */
export function violatingInstance(schema: unknown, root: unknown = schema): unknown {
  const nearMiss = objectNearMiss(schema, root);
  const options = nearMiss === undefined ? candidates : [nearMiss, ...candidates];
  return options.find((value) => findSchemaViolations(value, schema, root).length > 0);
}

function objectNearMiss(schema: unknown, root: unknown): unknown {
  const resolved = resolveSchema(schema, root);
  if (!schemaTypes(resolved).includes('object') || !isSchemaObject(resolved.properties)) return undefined;
  const required = (Array.isArray(resolved.required) ? resolved.required : []).filter(
    (name): name is string => typeof name === 'string',
  );
  const target = required[0] ?? Object.keys(resolved.properties)[0];
  if (target === undefined) return undefined;
  const propertySchema = resolved.properties[target] ?? {};
  const wrong = candidates.find((value) => findSchemaViolations(value, propertySchema, root).length > 0);
  if (wrong === undefined) return undefined;
  const base = minimalInstance(resolved, root);
  return { ...(isSchemaObject(base) ? base : {}), [target]: wrong };
}
