import { formatIssues, InvalidConfigError } from '@switchyard/core';
import type { z } from 'zod';

/**
 * Validates a policy's options against its zod schema and fills in defaults. `undefined` means
 * "all defaults". On failure it throws {@link InvalidConfigError} whose issues name each bad
 * option (`options.maxTools: Invalid input: expected number, received string`); values are never
 * echoed.
 *
 * @example
 * const resolved = parsePolicyOptions('tool-depth', toolDepthOptionsSchema, { maxTools: 12 });
 * resolved.maxToolChainLength; // 5 (the default)
 */
export function parsePolicyOptions<Schema extends z.ZodType>(
  policy: string,
  schema: Schema,
  options: unknown,
): z.output<Schema> {
  const result = schema.safeParse(options ?? {});
  if (result.success) return result.data;
  const issues = formatIssues(result.error.issues, ['options']);
  throw new InvalidConfigError({
    message: `invalid options for policy '${policy}': ${issues.join('; ')}`,
    issues,
  });
}
