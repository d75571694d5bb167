import { z } from 'zod';

/** Options of the `structured-output` policy. */
export const structuredOutputOptionsSchema = z.strictObject({
  /**
   * For `json_schema` requests, drop `json-mode` targets too, keeping only targets that enforce the
   * schema by constrained decoding (default false: json-mode targets stay as fallbacks, after
   * native ones; the executor validates their output).
   */
  requireNative: z.boolean().default(false),
});

/** Options accepted by {@link structuredOutputPolicy}; every field is optional. */
export type StructuredOutputOptions = z.input<typeof structuredOutputOptionsSchema>;
