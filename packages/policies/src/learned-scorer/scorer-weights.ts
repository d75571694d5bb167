import { z } from 'zod';

/** The `format` tag of a difficulty-scorer weights file. */
export const SCORER_WEIGHTS_FORMAT = 'switchyard-difficulty-scorer';

/** Largest `hashBits` a weights file may use (16M buckets). */
export const MAX_HASH_BITS = 24;

/**
 * A difficulty-scorer weights file: a logistic regression over hashed features, pruned to its
 * largest weights and stored sparse (`indices[i]` → `values[i]`). `features` says how text was
 * turned into features when it was trained; scoring uses the same settings.
 */
export const scorerWeightsSchema = z
  .strictObject({
    format: z.literal(SCORER_WEIGHTS_FORMAT),
    version: z.literal(1),
    features: z.strictObject({
      hashBits: z.int().min(8).max(MAX_HASH_BITS),
      wordBigrams: z.boolean(),
      charNgramLength: z.int().min(0).max(8),
    }),
    bias: z.number(),
    indices: z.array(z.int().min(0)),
    values: z.array(z.number()),
    /** Cut-off recommended by the training run (probability that the strong model is needed). */
    threshold: z.number().min(0).max(1).optional(),
    /** What the weights were trained on, and how well they did (free-form; not read by the policy). */
    training: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((weights, context) => {
    if (weights.indices.length !== weights.values.length) {
      context.addIssue({
        code: 'custom',
        path: ['values'],
        message: `has ${weights.values.length} entries but indices has ${weights.indices.length}`,
      });
    }
    const buckets = 2 ** weights.features.hashBits;
    const outside = weights.indices.findIndex((index) => index >= buckets);
    if (outside >= 0) {
      context.addIssue({
        code: 'custom',
        path: ['indices', outside],
        message: `must be below 2^hashBits (${buckets})`,
      });
    }
  });

/** A difficulty-scorer weights file, as {@link scorerWeightsSchema} validates it. */
export type ScorerWeights = z.output<typeof scorerWeightsSchema>;
