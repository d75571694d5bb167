import { describe, expect, test } from 'vitest';
import { countSchemaNodes, SCHEMA_WALK_MAX_NODES } from './count-schema-nodes.js';

const invoiceSchema = {
  type: 'object',
  properties: {
    number: { type: 'string' },
    issued: { type: 'string', format: 'date' },
    lines: {
      type: 'array',
      items: {
        type: 'object',
        properties: { sku: { type: 'string' }, quantity: { type: 'integer' }, price: { type: 'number' } },
        required: ['sku', 'quantity', 'price'],
        additionalProperties: false,
      },
    },
    customer: { $ref: '#/$defs/customer' },
  },
  required: ['number', 'lines'],
  additionalProperties: false,
  $defs: {
    customer: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        contact: { anyOf: [{ type: 'string', format: 'email' }, { type: 'null' }] },
      },
    },
  },
};

describe('countSchemaNodes', () => {
  test.each([
    ['not a schema', 'string', 0],
    ['empty schema', {}, 1],
    ['object with three properties', { type: 'object', properties: { a: {}, b: {}, c: {} } }, 4],
    ['array items', { type: 'array', items: { type: 'string' } }, 2],
    [
      'tuple items (draft-04 array form)',
      { type: 'array', items: [{ type: 'string' }, { type: 'number' }] },
      3,
    ],
    ['prefixItems', { type: 'array', prefixItems: [{}, {}], items: false }, 3],
    ['anyOf / oneOf / allOf members', { anyOf: [{}, {}], oneOf: [{}], allOf: [{}, {}, {}] }, 7],
    ['$defs and definitions entries', { $defs: { a: {}, b: {} }, definitions: { c: {} } }, 4],
    ['boolean schemas are not nodes', { additionalProperties: false, items: true }, 1],
    // Parsed, as a schema arrives: an object literal with `then` reads as a thenable to linters.
    ['if / then / else and not', JSON.parse('{"if":{},"then":{},"else":{},"not":{}}'), 5],
    [
      'keywords that are not schemas are ignored',
      { enum: [{}, {}], const: {}, default: {}, examples: [{}] },
      1,
    ],
    // root, number, issued, lines, lines.items, sku, quantity, price, customer, $defs.customer,
    // name, contact, and contact's two anyOf members.
    ['a realistic invoice schema', invoiceSchema, 14],
  ])('%s → %i', (_name, schema, expected) => {
    expect(countSchemaNodes(schema)).toBe(expected);
  });

  test('stops at the node limit on a huge schema', () => {
    const properties: Record<string, unknown> = {};
    for (let index = 0; index < SCHEMA_WALK_MAX_NODES * 2; index++)
      properties[`field${index}`] = { type: 'string' };
    expect(countSchemaNodes({ type: 'object', properties })).toBe(SCHEMA_WALK_MAX_NODES);
  });

  test('terminates on a cyclic object graph', () => {
    const node: Record<string, unknown> = { type: 'object', properties: {} };
    (node.properties as Record<string, unknown>).self = node;
    const size = countSchemaNodes(node);
    expect(size).toBeGreaterThan(1);
    expect(size).toBeLessThanOrEqual(SCHEMA_WALK_MAX_NODES);
  });
});
