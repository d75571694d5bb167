import { z } from 'zod';
import { idSchema, millisecondsSchema } from './config-field-schemas.js';

const hopSchema = z.union(
  [
    idSchema,
    z.strictObject({
      target: idSchema.describe('Target id.'),
      model: z
        .string()
        .min(1)
        .optional()
        .describe('Model name to ask this target for instead of its own (e.g. the OpenRouter name).'),
      timeoutMs: millisecondsSchema.optional().describe('Timeout of this hop, in ms.'),
    }),
  ],
  { error: 'expected a target id or { target, model?, timeoutMs? }' },
);

const aliasSchema = z.strictObject({
  primary: hopSchema.describe('Where the alias goes first.'),
  fallbacks: z.array(hopSchema).default([]).describe('Tried in order when the primary fails or times out.'),
});

const aliasNameSchema = z.string().regex(/^[^\s*]{1,200}$/, 'must be a model name without spaces or *');

const premiumPatternSchema = z
  .string()
  .regex(/^[^\s*]{1,200}\*?$/, 'must be a model name, optionally ending in * (e.g. anthropic/*)');

/** `routes:`: the model-name routing table. */
export const routesConfigSchema = z
  .strictObject({
    aliases: z
      .record(aliasNameSchema, aliasSchema)
      .default({})
      .describe('Model names callers may ask for (e.g. local/qwen2.5-14b) → a primary hop and fallbacks.'),
    premium: z
      .array(premiumPatternSchema)
      .default([])
      .describe(
        'Model names that go straight to cloud targets, never local: exact, or a prefix ending in *.',
      ),
  })
  .prefault({})
  .describe('The routing table: aliases and premium names.');

/** A route hop as written in the config file. */
export type RouteHopInput = z.output<typeof hopSchema>;
