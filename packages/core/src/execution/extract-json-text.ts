const fencePattern = /^```[a-zA-Z0-9_-]*[ \t]*\r?\n([\s\S]*?)\r?\n?```$/;

/**
 * The JSON text in a model's answer: trimmed, and unwrapped from one surrounding Markdown code
 * fence (```json … ```), which small models in JSON mode add despite being asked not to.
 *
 * @example
 * extractJsonText('```json\n{"ok":true}\n```'); // '{"ok":true}'
 */
export function extractJsonText(content: string): string {
  const trimmed = content.trim();
  const fenced = fencePattern.exec(trimmed);
  return fenced?.[1] === undefined ? trimmed : fenced[1].trim();
}
