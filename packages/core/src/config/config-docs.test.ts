import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { configJsonSchema } from './config-json-schema.js';

/** docs/config.md must document every field the schema accepts. */
const documentation = readFileSync(
  fileURLToPath(new URL('../../../../docs/config.md', import.meta.url)),
  'utf8',
);

function fieldNames(schema: unknown, names = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) {
    for (const item of schema) fieldNames(item, names);
  } else if (typeof schema === 'object' && schema !== null) {
    const { properties } = schema as { properties?: Record<string, unknown> };
    if (properties !== undefined) for (const name of Object.keys(properties)) names.add(name);
    for (const value of Object.values(schema)) fieldNames(value, names);
  }
  return names;
}

describe('docs/config.md', () => {
  const names = [...fieldNames(configJsonSchema())];

  test('the schema has the expected breadth', () => {
    expect(names.length).toBeGreaterThan(50);
  });

  // As `name`, or as part of a dotted path such as `backoff.initialDelayMs`.
  test.each(names)('documents `%s`', (name) => {
    const escaped = name.replace(/[$.*+?^(){}[\]|\\]/g, '\\$&');
    expect(documentation).toMatch(new RegExp(`[\`.]${escaped}[\`.]`));
  });
});
