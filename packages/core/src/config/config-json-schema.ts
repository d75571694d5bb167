import { z } from 'zod';
import { switchyardConfigSchema } from './config-schema.js';
import { formatJson } from './format-json.js';

/**
 * The JSON Schema (draft-07) of the config file, generated from the zod schema, for editor
 * completion and validation. URL fields accept any `http(s)://…` or `${…}` string, because
 * editors see the file before environment interpolation. `docs/config.schema.json` holds it; a test keeps the two equal.
 *
 * @example
 * // first line of a config file:
 * // # yaml-language-server: $schema=../docs/config.schema.json
 * writeFileSync('config.schema.json', configJsonSchemaText());
 */
export function configJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(switchyardConfigSchema, {
    io: 'input',
    target: 'draft-7',
    override: ({ jsonSchema }) => {
      // Editors check the file before `${VAR}` interpolation: accept `${…}` where a URL goes.
      if (jsonSchema.format === 'uri') {
        delete jsonSchema.format;
        jsonSchema.pattern = '^(https?://|\\$\\{)';
      }
    },
  });
  const { $schema, ...rest } = generated;
  return { $schema, title: 'Switchyard configuration', ...rest };
}

/** {@link configJsonSchema} as the text of `docs/config.schema.json`, laid out as Biome formats JSON. */
export function configJsonSchemaText(): string {
  return formatJson(configJsonSchema());
}
