import { z } from 'zod';

/** Options of the `tool-depth` policy. */
export const toolDepthOptionsSchema = z.strictObject({
  /**
   * Most tools in one request a local target handles reliably when the target does not set
   * `capabilities.maxTools` (default 8). Cloud targets without a rating are unlimited.
   */
  maxTools: z.number().int().nonnegative().default(8),
  /**
   * Deepest chain of tool-call rounds a local target handles reliably when the target does not
   * set `capabilities.maxToolChainDepth` (default 5). Cloud targets without a rating are unlimited.
   */
  maxToolChainLength: z.number().int().nonnegative().default(5),
});

/** Options accepted by {@link toolDepthPolicy}; every field is optional. */
export type ToolDepthOptions = z.input<typeof toolDepthOptionsSchema>;
