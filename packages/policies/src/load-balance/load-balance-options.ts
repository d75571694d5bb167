import { z } from 'zod';

/** Options of the `load-balance` policy. */
export const loadBalanceOptionsSchema = z.strictObject({
  /**
   * How to weigh equal targets when picking one: `max-concurrency` (default) in proportion to each
   * target's `maxConcurrency` (unset counts as 1), so a server taking 4 requests at once gets 4× the
   * share; `equal` gives each the same share.
   */
  weighBy: z.enum(['max-concurrency', 'equal']).default('max-concurrency'),
});

/** Options accepted by {@link loadBalancePolicy}; every field is optional. */
export type LoadBalanceOptions = z.input<typeof loadBalanceOptionsSchema>;
