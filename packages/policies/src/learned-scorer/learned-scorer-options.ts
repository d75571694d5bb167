import { z } from 'zod';

/** Options of the `learned-scorer` policy. */
export const learnedScorerOptionsSchema = z
  .strictObject({
    /**
     * Weights file (JSON), relative to the config file's folder when the config loader passes
     * one, else to the working directory. One of `weightsPath` and `weights` is required.
     */
    weightsPath: z.string().min(1).optional(),
    /** The weights themselves, inline (the same JSON object a weights file holds). */
    weights: z.record(z.string(), z.unknown()).optional(),
    /**
     * Cut-off on the scorer's probability that the strong model is needed: at or above it, cloud
     * (tier-3) targets go first; below it, local ones. Default: the weights file's recommended
     * `threshold`, else 0.5.
     */
    threshold: z.number().min(0).max(1).optional(),
  })
  .superRefine((options, context) => {
    if ((options.weightsPath === undefined) === (options.weights === undefined)) {
      context.addIssue({
        code: 'custom',
        path: ['weightsPath'],
        message:
          options.weightsPath === undefined
            ? 'required: give weightsPath (a weights JSON file) or weights (inline)'
            : 'give weightsPath or weights, not both',
      });
    }
  });

/** Options accepted by {@link learnedScorerPolicy}. */
export type LearnedScorerOptions = z.input<typeof learnedScorerOptionsSchema>;
