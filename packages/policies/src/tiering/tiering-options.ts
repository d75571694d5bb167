import { z } from 'zod';

const tierSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);

const taskCategorySchema = z.enum([
  'summarize',
  'translate',
  'format',
  'classify',
  'extract',
  'rewrite',
  'chat',
  'code',
  'math',
  'analyze',
  'prove',
  'architecture',
  'long-document',
  'unknown',
]);

/** Options of the `tiering` policy. */
export const tieringOptionsSchema = z
  .strictObject({
    /** Prompts of at least this many tokens want tier 3, cloud frontier (default 16000). */
    cloudTokenThreshold: z.number().int().positive().default(16_000),
    /** Prompts of at least this many tokens (below the cloud threshold) want tier 2 (default 6000). */
    largeTokenThreshold: z.number().int().positive().default(6000),
    /**
     * Task categories a small local model does well, which want tier 1 (default: summarize,
     * translate, format, classify, extract, rewrite).
     */
    smallCategories: z
      .array(taskCategorySchema)
      .default(['summarize', 'translate', 'format', 'classify', 'extract', 'rewrite']),
    /** Tier for requests no rule speaks for (default 1: local small). */
    defaultTier: tierSchema.default(1),
  })
  .superRefine((options, context) => {
    if (options.largeTokenThreshold > options.cloudTokenThreshold) {
      context.addIssue({
        code: 'custom',
        path: ['largeTokenThreshold'],
        message: `must not exceed cloudTokenThreshold (${options.cloudTokenThreshold})`,
      });
    }
  });

/** Options accepted by {@link tieringPolicy}; every field is optional. */
export type TieringOptions = z.input<typeof tieringOptionsSchema>;

/** Options of the `tiering` policy with defaults filled in. */
export type ResolvedTieringOptions = z.output<typeof tieringOptionsSchema>;
