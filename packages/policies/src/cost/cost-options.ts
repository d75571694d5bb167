import { z } from 'zod';

/** Options of the `cost` policy. */
export const costOptionsSchema = z.strictObject({
  /**
   * What to do with targets that have no `price` when the request sets `switchyard.maxCostUsd`:
   * `keep` them (default; their cost cannot be checked, and the reason says so) or `drop` them.
   */
  unpricedUnderCap: z.enum(['keep', 'drop']).default('keep'),
});

/** Options accepted by {@link costPolicy}; every field is optional. */
export type CostOptions = z.input<typeof costOptionsSchema>;
