const arrows = /→/g;
const unsafe = /[^\x20-\x7e]/g;
const maxLength = 200;

/**
 * Makes text fit an HTTP header value: `→` becomes `->`, any other character outside printable
 * ASCII becomes `?`, and the result is cut at 200 characters (with `...`).
 *
 * @example
 * headerSafe("alias 'fast' → local-8b"); // "alias 'fast' -> local-8b"
 */
export function headerSafe(text: string): string {
  const ascii = text.replace(arrows, '->').replace(unsafe, '?');
  return ascii.length > maxLength ? `${ascii.slice(0, maxLength - 3)}...` : ascii;
}
