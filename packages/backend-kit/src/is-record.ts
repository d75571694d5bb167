/**
 * Whether a value is a plain JSON object (not `null`, not an array): the guard every reader of
 * untyped server JSON starts with.
 *
 * @example
 * isRecord({ error: 'busy' }); // → true
 * isRecord([1, 2]); // → false
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
