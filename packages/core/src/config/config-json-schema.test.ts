// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` is the config interpolation syntax, not a template
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { configJsonSchema, configJsonSchemaText } from './config-json-schema.js';

const schemaPath = fileURLToPath(new URL('../../../../docs/config.schema.json', import.meta.url));
const examplesDirectory = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const examples = readdirSync(examplesDirectory).filter((name) => name.endsWith('.yaml'));

describe('docs/config.schema.json', () => {
  // Regenerate with: npx vitest run -u packages/core/src/config/config-json-schema.test.ts
  test('equals what the zod schema generates', async () => {
    await expect(configJsonSchemaText()).toMatchFileSnapshot(schemaPath);
  });

  const validate = new Ajv({ allErrors: true, strict: false }).compile(configJsonSchema());

  test.each(examples)('accepts examples/%s as written (before interpolation)', (name) => {
    const data = parseYaml(readFileSync(`${examplesDirectory}${name}`, 'utf8'));
    const valid = validate(data);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test.each([
    ['a misspelt section', { backends: {}, targets: [], helth: {} }],
    [
      'a string where a number goes',
      {
        backends: {},
        targets: [{ id: 't', backend: 'b', model: 'm', capabilities: { contextWindow: '8k' } }],
      },
    ],
    ['an unknown backend kind', { backends: { b: { kind: 'olama' } }, targets: [] }],
    [
      'a URL without a scheme',
      { backends: { b: { kind: 'ollama', baseUrl: '127.0.0.1:11434' } }, targets: [] },
    ],
  ])('rejects %s, as editors will', (_name, data) => {
    expect(validate(data)).toBe(false);
  });

  test('accepts ${VAR} where a URL goes', () => {
    const data = {
      backends: { b: { kind: 'ollama', baseUrl: '${OLLAMA_URL:-http://127.0.0.1:11434}' } },
      targets: [{ id: 't', backend: 'b', model: 'm', capabilities: { contextWindow: 8192 } }],
    };
    expect(validate(data)).toBe(true);
  });
});
