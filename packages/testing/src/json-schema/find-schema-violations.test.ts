import { describe, expect, it } from 'vitest';
import { findSchemaViolations } from './find-schema-violations.js';

const person = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1 },
    age: { type: 'integer', minimum: 0 },
    tags: { type: 'array', items: { type: 'string' }, maxItems: 2 },
  },
  required: ['name'],
  additionalProperties: false,
};

describe('findSchemaViolations', () => {
  it.each([
    ['a conforming value', { name: 'Ada', age: 36, tags: ['x'] }, []],
    ['a missing required property', { age: 1 }, ['name: required property is missing']],
    ['a wrong type', { name: 'Ada', age: 'old' }, ['age: expected integer, got string']],
    ['a non-integer number', { name: 'Ada', age: 1.5 }, ['age: expected integer, got number']],
    ['a bound', { name: 'Ada', age: -1 }, ['age: violates minimum 0']],
    ['an extra property', { name: 'Ada', extra: true }, ['extra: property is not allowed']],
    [
      'an item and an array size',
      { name: 'Ada', tags: ['a', 2, 'c'] },
      ['tags: more than maxItems 2', 'tags[1]: expected string, got number'],
    ],
    ['a string length', { name: '' }, ['name: shorter than minLength 1']],
    ['the root type', [], ['(root): expected object, got array']],
  ])('reports %s', (_name, value, problems) => {
    expect(findSchemaViolations(value, person)).toEqual(problems);
  });

  it('checks enum, const, anyOf and oneOf', () => {
    expect(findSchemaViolations('c', { enum: ['a', 'b'] })).toEqual(['(root): must be one of ["a","b"]']);
    expect(findSchemaViolations(2, { const: 1 })).toEqual(['(root): expected 1']);
    expect(findSchemaViolations(true, { anyOf: [{ type: 'string' }, { type: 'number' }] })).toEqual([
      '(root): matches no branch of anyOf',
    ]);
    expect(findSchemaViolations(1, { oneOf: [{ type: 'number' }, { type: 'integer' }] })).toEqual([
      '(root): matches 2 branches of oneOf',
    ]);
  });
});
