import { z } from 'zod';

/** Options of the `context-fit` policy. */
export const contextFitOptionsSchema = z.strictObject({
  /** Fixed safety margin added to every request's token need, for estimate error (default 256). */
  marginTokens: z.number().int().nonnegative().default(256),
  /**
   * Extra margin as a share of the prompt (default 0.05 = 5 %), because estimated prompt counts err
   * in proportion to their size.
   */
  marginRatio: z.number().min(0).max(1).default(0.05),
  /**
   * Practical prompt ceiling of local targets, in tokens (default 24000): local models degrade past
   * 16–32k tokens whatever their nominal window. `null` disables the ceiling.
   */
  maxLocalContextTokens: z.number().int().positive().nullable().default(24_000),
});

/** Options accepted by {@link contextFitPolicy}; every field is optional. */
export type ContextFitOptions = z.input<typeof contextFitOptionsSchema>;

/** Options of the `context-fit` policy with defaults filled in. */
export type ResolvedContextFitOptions = z.output<typeof contextFitOptionsSchema>;
