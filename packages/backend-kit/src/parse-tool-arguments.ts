import { isRecord } from './is-record.js';
import { requestConversionError } from './request-conversion-error.js';

/**
 * Parses an assistant tool call's `function.arguments` (OpenAI sends a JSON string) into the
 * object that native APIs (Anthropic `tool_use.input`, Ollama `arguments`) expect. Blank text is
 * `{}`; text that is not JSON, or JSON that is not an object, throws `invalid-request` (phase
 * `connect`) naming `where`, never the arguments themselves.
 *
 * @example
 * parseToolArguments('{"city":"Paris"}', 'messages[1].tool_calls[0]', { backend: 'anthropic' }); // → { city: 'Paris' }
 */
export function parseToolArguments(
  text: string,
  where: string,
  context: { readonly backend: string },
): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw requestConversionError(context, 'invalid-request', `${where}.function.arguments is not valid JSON`);
  }
  if (!isRecord(value)) {
    throw requestConversionError(
      context,
      'invalid-request',
      `${where}.function.arguments must be a JSON object`,
    );
  }
  return value;
}
