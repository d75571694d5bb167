import { describe, expect, it } from 'vitest';
import { toStrictSchema } from './to-strict-schema.js';

describe('toStrictSchema', () => {
  it.each([
    [
      'optional properties become nullable and required',
      {
        type: 'object',
        properties: { city: { type: 'string' }, unit: { type: 'string', default: 'C' } },
        required: ['city'],
      },
      {
        type: 'object',
        properties: { city: { type: 'string' }, unit: { type: ['string', 'null'] } },
        required: ['city', 'unit'],
        additionalProperties: false,
      },
    ],
    [
      'nested objects in arrays',
      {
        type: 'object',
        properties: {
          rows: {
            type: 'array',
            items: { type: 'object', properties: { v: { type: 'number' } }, required: ['v'] },
          },
        },
        required: ['rows'],
      },
      {
        type: 'object',
        properties: {
          rows: {
            type: 'array',
            items: {
              type: 'object',
              properties: { v: { type: 'number' } },
              required: ['v'],
              additionalProperties: false,
            },
          },
        },
        required: ['rows'],
        additionalProperties: false,
      },
    ],
    [
      'untyped optional property becomes anyOf with null',
      { type: 'object', properties: { value: { description: 'anything' } } },
      {
        type: 'object',
        properties: { value: { anyOf: [{ description: 'anything' }, { type: 'null' }] } },
        required: ['value'],
        additionalProperties: false,
      },
    ],
    [
      'object without properties gets an empty, closed property list',
      { type: 'object' },
      { type: 'object', properties: {}, required: [], additionalProperties: false },
    ],
    ['non-objects are kept', { type: 'string', enum: ['a'] }, { type: 'string', enum: ['a'] }],
  ])('%s', (_name, input, expected) => {
    expect(toStrictSchema(input)).toEqual(expected);
  });

  it('does not change its input', () => {
    const input = { type: 'object', properties: { a: { type: 'string' } } };
    const copy = structuredClone(input);
    toStrictSchema(input);
    expect(input).toEqual(copy);
  });
});
