import { z } from 'zod';
import { quantizationRank } from './quantization-rank.js';

/** Options of the `quantization` policy. */
export const quantizationOptionsSchema = z.strictObject({
  /**
   * Memory available to local models, in GB. Local targets whose `memoryGb` exceeds it are dropped
   * (targets without `memoryGb` are kept). Unset (the default): no memory check.
   */
  memoryBudgetGb: z.number().positive().optional(),
  /**
   * The quantization routine requests should prefer (default `Q4_K_M`: fits an 8B model in 16 GB
   * and is fine for classification, summarization and completion).
   */
  routine: z
    .string()
    .default('Q4_K_M')
    .refine((name) => quantizationRank(name) !== undefined, {
      message: 'unknown quantization; use a name such as Q4_K_M, Q5_K_S, Q8_0, fp16, fp8 or awq',
    }),
});

/** Options accepted by {@link quantizationPolicy}; every field is optional. */
export type QuantizationOptions = z.input<typeof quantizationOptionsSchema>;
