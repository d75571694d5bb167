import { z } from 'zod';

/** Options of the `health` policy. */
export const healthOptionsSchema = z.strictObject({
  /**
   * Move `degraded` targets after healthy and unknown ones (default true). `false` keeps them in
   * place; `unhealthy` and `circuit-open` targets are dropped either way.
   */
  avoidDegraded: z.boolean().default(true),
});

/** Options accepted by {@link healthPolicy}; every field is optional. */
export type HealthOptions = z.input<typeof healthOptionsSchema>;
