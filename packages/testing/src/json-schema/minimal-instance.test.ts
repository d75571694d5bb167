import { describe, expect, it } from 'vitest';
import { findSchemaViolations } from './find-schema-violations.js';
import { minimalInstance } from './minimal-instance.js';
import { violatingInstance } from './violating-instance.js';

const cases: readonly [string, Record<string, unknown>, unknown][] = [
  ['string', { type: 'string' }, ''],
  ['string with minLength', { type: 'string', minLength: 3 }, 'aaa'],
  ['date-time string', { type: 'string', format: 'date-time' }, '1970-01-01T00:00:00Z'],
  ['integer with minimum', { type: 'integer', minimum: 5 }, 5],
  ['integer with exclusiveMinimum', { type: 'integer', exclusiveMinimum: 5 }, 6],
  ['number below zero maximum', { type: 'number', maximum: -2 }, -2],
  ['number with exclusive bounds', { type: 'number', exclusiveMinimum: 1, exclusiveMaximum: 2 }, 1.5],
  ['boolean', { type: 'boolean' }, false],
  ['null', { type: 'null' }, null],
  ['nullable string', { type: ['null', 'string'] }, ''],
  ['enum', { enum: ['b', 'a'] }, 'b'],
  ['const', { const: 42 }, 42],
  ['array with minItems', { type: 'array', items: { type: 'integer' }, minItems: 2 }, [0, 0]],
  [
    'object with required and optional properties',
    { type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } }, required: ['a'] },
    { a: '' },
  ],
  [
    'nested $ref',
    {
      type: 'object',
      properties: { point: { $ref: '#/$defs/point' } },
      required: ['point'],
      $defs: { point: { type: 'object', properties: { x: { type: 'number' } }, required: ['x'] } },
    },
    { point: { x: 0 } },
  ],
  ['anyOf picks the first branch', { anyOf: [{ type: 'integer' }, { type: 'string' }] }, 0],
  [
    'allOf merges required properties',
    {
      allOf: [
        { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
        { properties: { b: { type: 'boolean' } }, required: ['b'] },
      ],
    },
    { a: '', b: false },
  ],
];

describe('minimalInstance', () => {
  it.each(cases)('%s', (_name, schema, expected) => {
    const instance = minimalInstance(schema);
    expect(instance).toEqual(expected);
    expect(findSchemaViolations(instance, schema)).toEqual([]);
  });

  it('names an unresolvable $ref', () => {
    expect(() => minimalInstance({ $ref: '#/$defs/missing' })).toThrow(
      "JSON Schema $ref '#/$defs/missing' does not resolve",
    );
  });
});

describe('violatingInstance', () => {
  it.each(cases.filter(([name]) => !name.startsWith('allOf')))('violates %s', (_name, schema) => {
    const instance = violatingInstance(schema);
    expect(instance).not.toBeUndefined();
    expect(findSchemaViolations(instance, schema).length).toBeGreaterThan(0);
  });

  it('returns undefined when every value is valid', () => {
    expect(violatingInstance({})).toBeUndefined();
  });
});
