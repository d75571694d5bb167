import { z } from 'zod';
import { backendsConfigSchema } from './backend-config-schema.js';
import {
  healthConfigSchema,
  meteringConfigSchema,
  policiesConfigSchema,
  retryConfigSchema,
  routerConfigSchema,
  validationConfigSchema,
} from './operations-config-schema.js';
import { routesConfigSchema } from './routes-config-schema.js';
import { targetsConfigSchema } from './target-config-schema.js';

/**
 * The config file as written (YAML or JSON), after `${ENV_VAR}` interpolation. Objects are strict:
 * a misspelt key is an error, not silently ignored. Cross-field checks (a target's backend exists,
 * route hops name existing targets, unique ids) run after this schema, in `parseConfig`.
 *
 * @example
 * const result = switchyardConfigSchema.safeParse(YAML.parse(text));
 */
export const switchyardConfigSchema = z
  .strictObject({
    $schema: z.string().optional().describe('JSON Schema reference for editors; ignored.'),
    version: z.literal(1).optional().describe('Config format version.'),
    backends: backendsConfigSchema,
    targets: targetsConfigSchema,
    routes: routesConfigSchema,
    policies: policiesConfigSchema.optional(),
    health: healthConfigSchema,
    retry: retryConfigSchema,
    validation: validationConfigSchema,
    metering: meteringConfigSchema,
    router: routerConfigSchema,
  })
  .describe('Switchyard configuration: backends, targets, routes, policies and runtime settings.');

/** The config as validated by {@link switchyardConfigSchema}, before normalisation. */
export type SwitchyardConfigInput = z.output<typeof switchyardConfigSchema>;
