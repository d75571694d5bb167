import { parseChatRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { convertBfclFunction } from './convert-bfcl-function.js';
import { convertBfclSchema } from './convert-bfcl-schema.js';

describe('convertBfclSchema', () => {
  it.each([
    ['dict → object', { type: 'dict', properties: {} }, { type: 'object', properties: {} }],
    ['float → number', { type: 'float', description: 'x' }, { type: 'number', description: 'x' }],
    [
      'tuple → array',
      { type: 'tuple', items: { type: 'integer' } },
      { type: 'array', items: { type: 'integer' } },
    ],
    ['any → no type', { type: 'any', description: 'anything' }, { description: 'anything' }],
    ['empty type → no type', { type: '' }, {}],
    [
      'Java names',
      { type: 'HashMap', properties: { s: { type: 'String' }, n: { type: 'long' } } },
      { type: 'object', properties: { s: { type: 'string' }, n: { type: 'integer' } } },
    ],
    [
      'JS names',
      { type: 'Array', items: { type: 'Boolean' } },
      { type: 'array', items: { type: 'boolean' } },
    ],
    [
      'tuple items → prefixItems',
      { type: 'array', items: [{ type: 'float' }, { type: 'string' }] },
      { type: 'array', prefixItems: [{ type: 'number' }, { type: 'string' }] },
    ],
    [
      'drops BFCL-only keywords',
      { type: 'string', optional: true, default: 'a', enum: ['a', 'b'] },
      { type: 'string', default: 'a', enum: ['a', 'b'] },
    ],
    ['type lists', { type: ['float', 'null'] }, { type: ['number', 'null'] }],
    [
      'nested dicts in arrays',
      {
        type: 'dict',
        properties: {
          rows: {
            type: 'array',
            items: { type: 'dict', properties: { v: { type: 'float' } }, required: ['v'] },
          },
        },
      },
      {
        type: 'object',
        properties: {
          rows: {
            type: 'array',
            items: { type: 'object', properties: { v: { type: 'number' } }, required: ['v'] },
          },
        },
      },
    ],
    [
      'additionalProperties',
      { type: 'dict', additionalProperties: { type: 'float' } },
      { type: 'object', additionalProperties: { type: 'number' } },
    ],
  ])('%s', (_name, input, expected) => {
    expect(convertBfclSchema(input)).toEqual(expected);
  });

  it('names the path of an unknown type', () => {
    expect(() => convertBfclSchema({ type: 'dict', properties: { when: { type: 'datetime' } } })).toThrow(
      "parameters.when.type: unknown BFCL type 'datetime'",
    );
  });
});

describe('convertBfclFunction', () => {
  it('makes an OpenAI tool that the request schema accepts', () => {
    const tool = convertBfclFunction({
      name: 'math.gcd',
      description: 'Greatest common divisor.',
      parameters: {
        type: 'dict',
        properties: { a: { type: 'integer' }, b: { type: 'integer' } },
        required: ['a', 'b'],
      },
      response: { type: 'dict', properties: { result: { type: 'integer' } } },
    });
    expect(tool).toEqual({
      type: 'function',
      function: {
        name: 'math.gcd',
        description: 'Greatest common divisor.',
        parameters: {
          type: 'object',
          properties: { a: { type: 'integer' }, b: { type: 'integer' } },
          required: ['a', 'b'],
        },
      },
    });
    expect(() => parseChatRequest({ model: 'auto', messages: [], tools: [tool] })).not.toThrow();
  });

  it('gives a function without parameters an empty object schema', () => {
    expect(convertBfclFunction({ name: 'pwd' }).function.parameters).toEqual({
      type: 'object',
      properties: {},
    });
  });
});
