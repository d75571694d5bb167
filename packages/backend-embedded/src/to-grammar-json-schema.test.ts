import { describe, expect, it } from 'vitest';
import { toGrammarJsonSchema } from './to-grammar-json-schema.js';

const anyValue = {
  oneOf: [
    { type: ['string', 'number', 'integer', 'boolean', 'null'] },
    { type: 'object', additionalProperties: true },
    { type: 'array' },
  ],
};

describe('toGrammarJsonSchema', () => {
  it.each([
    {
      name: 'an object keeps its properties, drops unlisted ones by default',
      input: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] },
      schema: { type: 'object', properties: { ok: { type: 'boolean' } } },
      notEnforced: [],
    },
    {
      name: 'a required key without a property schema gets one',
      input: { type: 'object', required: ['id'], additionalProperties: { type: 'integer' } },
      schema: {
        type: 'object',
        properties: { id: { type: 'integer' } },
        additionalProperties: { type: 'integer' },
      },
      notEnforced: [],
    },
    {
      name: 'a missing type is inferred from object keywords',
      input: { properties: { a: { type: 'string', minLength: 1, maxLength: 5 } } },
      schema: { type: 'object', properties: { a: { type: 'string', minLength: 1, maxLength: 5 } } },
      notEnforced: [],
    },
    {
      name: 'an empty schema allows any JSON value',
      input: {},
      schema: anyValue,
      notEnforced: [],
    },
    {
      name: 'anyOf becomes oneOf',
      input: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      schema: { oneOf: [{ type: 'string' }, { type: 'null' }] },
      notEnforced: [],
    },
    {
      name: 'a list of plain types stays one node',
      input: { type: ['integer', 'null'], description: 'count' },
      schema: { type: ['integer', 'null'], description: 'count' },
      notEnforced: [],
    },
    {
      name: 'a list with an object type is split',
      input: { type: ['object', 'null'], properties: { a: { type: 'number' } } },
      schema: { oneOf: [{ type: 'object', properties: { a: { type: 'number' } } }, { type: 'null' }] },
      notEnforced: [],
    },
    {
      name: 'enum and const keep primitive literals',
      input: { type: 'object', properties: { c: { enum: ['a', 1, null] }, k: { const: true } } },
      schema: { type: 'object', properties: { c: { enum: ['a', 1, null] }, k: { const: true } } },
      notEnforced: [],
    },
    {
      name: 'a single allOf is merged',
      input: { allOf: [{ type: 'object', properties: { a: { type: 'boolean' } } }] },
      schema: { type: 'object', properties: { a: { type: 'boolean' } } },
      notEnforced: [],
    },
    {
      name: 'a draft-4 tuple becomes prefixItems and additionalItems false caps the length',
      input: { type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: false },
      schema: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], maxItems: 2 },
      notEnforced: [],
    },
    {
      name: 'definitions become $defs and references follow',
      input: {
        type: 'object',
        properties: { node: { $ref: '#/definitions/node' } },
        definitions: { node: { type: 'object', properties: { name: { type: 'string' } } } },
      },
      schema: {
        type: 'object',
        properties: { node: { $ref: '#/$defs/node' } },
        $defs: { node: { type: 'object', properties: { name: { type: 'string' } } } },
      },
      notEnforced: [],
    },
    {
      name: 'value checks a grammar cannot express are reported with their path',
      input: {
        type: 'object',
        properties: {
          age: { type: 'integer', minimum: 0, maximum: 150 },
          email: { type: 'string', format: 'email' },
          day: { type: 'string', format: 'date' },
          code: { type: 'string', pattern: '^[A-Z]+$' },
        },
      },
      schema: {
        type: 'object',
        properties: {
          age: { type: 'integer' },
          email: { type: 'string' },
          day: { type: 'string', format: 'date' },
          code: { type: 'string' },
        },
      },
      notEnforced: [
        '#/properties/age: minimum',
        '#/properties/age: maximum',
        '#/properties/email: format email',
        '#/properties/code: pattern',
      ],
    },
  ])('$name', ({ input, schema, notEnforced }) => {
    expect(toGrammarJsonSchema(input)).toEqual({ schema, notEnforced });
  });

  it.each([
    {
      name: 'an unknown type',
      input: { type: 'nonsense' },
      code: 'invalid-request',
      message: 'at #/type: unknown type "nonsense"',
    },
    {
      name: 'a schema that is not an object',
      input: 'string',
      code: 'invalid-request',
      message: 'at #: the schema must be a JSON object',
    },
    {
      name: 'enum that is not a list',
      input: { enum: 'a' },
      code: 'invalid-request',
      message: 'at #/enum: must be an array',
    },
    {
      name: 'a negative maxLength',
      input: { type: 'string', maxLength: -1 },
      code: 'invalid-request',
      message: 'at #/maxLength',
    },
    {
      name: 'a reference to nothing',
      input: { $ref: '#/$defs/missing' },
      code: 'invalid-request',
      message: 'points to no definition',
    },
    {
      name: 'the schema false',
      input: { properties: { a: false } },
      code: 'invalid-request',
      message: 'at #/properties/a',
    },
    {
      name: 'a remote reference',
      input: { $ref: 'https://example.com/s.json' },
      code: 'unsupported',
      message: 'only local',
    },
    {
      name: 'allOf of two schemas',
      input: { allOf: [{}, {}] },
      code: 'unsupported',
      message: 'allOf with several',
    },
    { name: 'an object in enum', input: { enum: [{ a: 1 }] }, code: 'unsupported', message: 'at #/enum/0' },
  ])('rejects $name', ({ input, code, message }) => {
    expect(() => toGrammarJsonSchema(input)).toThrow(expect.objectContaining({ code }));
    expect(() => toGrammarJsonSchema(input)).toThrow(message);
  });
});
