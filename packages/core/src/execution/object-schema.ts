import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { z } from 'zod';
import { formatIssues } from '../errors/format-issues.js';
import type { OutputValidator } from './output-validator.js';
import { schemaOutputValidator } from './output-validator.js';

/** A schema `generateObject` accepts: a JSON Schema (write it `as const` for typing) or a zod schema. */
export type ObjectSchema = JSONSchema | z.ZodType;

/**
 * The type of the object a schema describes: `z.output` for a zod schema, `FromSchema` for a
 * `const` JSON Schema, `unknown` for a JSON Schema TypeScript cannot see through.
 *
 * @example
 * type Person = ObjectOf<typeof personSchema>; // { name: string; age?: number }
 */
export type ObjectOf<S> = S extends z.ZodType
  ? z.output<S>
  : S extends JSONSchema
    ? JSONSchema extends S
      ? unknown
      : FromSchema<S>
    : unknown;

/** A schema made ready for a request: the JSON Schema to send and the validator of answers. */
export type PreparedObjectSchema = {
  readonly jsonSchema: Record<string, unknown>;
  readonly validator: OutputValidator;
};

/**
 * Prepares a `generateObject` schema: a zod schema is converted with `z.toJSONSchema` (the input
 * side, since the model writes what zod then parses; `$schema` dropped) and answers are checked
 * with zod itself, so transforms and defaults apply to the returned object; a JSON Schema is sent
 * as given and checked with ajv. Throws a `TypeError` naming the problem when the schema cannot
 * be used (a zod type with no JSON Schema form, a boolean schema).
 *
 * @example
 * const { jsonSchema, validator } = prepareObjectSchema(z.object({ city: z.string() }), 'place');
 */
export function prepareObjectSchema(schema: ObjectSchema, name: string): PreparedObjectSchema {
  if (isZodSchema(schema)) {
    let converted: Record<string, unknown>;
    try {
      converted = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new TypeError(`generateObject: the zod schema has no JSON Schema form (${detail})`);
    }
    const { $schema: _dialect, ...jsonSchema } = converted;
    return {
      jsonSchema,
      validator: {
        description: `JSON matching schema '${name}'`,
        checkValue(value) {
          const parsed = schema.safeParse(value);
          return parsed.success
            ? { ok: true, value: parsed.data }
            : { ok: false, errors: formatIssues(parsed.error.issues) };
        },
      },
    };
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new TypeError('generateObject: the schema must be a JSON Schema object or a zod schema');
  }
  const jsonSchema = schema as Record<string, unknown>;
  return { jsonSchema, validator: schemaOutputValidator(jsonSchema, name) };
}

function isZodSchema(schema: unknown): schema is z.ZodType {
  return (
    typeof schema === 'object' &&
    schema !== null &&
    '_zod' in schema &&
    typeof (schema as { safeParse?: unknown }).safeParse === 'function'
  );
}
