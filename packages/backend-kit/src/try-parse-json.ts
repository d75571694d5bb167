/**
 * Parses JSON text, or gives `undefined` when the text is not JSON (an HTML error page, plain
 * text, a cut body), for readers that fall back to the raw text.
 *
 * @example
 * tryParseJson('{"error":"busy"}'); // → { error: 'busy' }
 * tryParseJson('<html>502</html>'); // → undefined
 */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
