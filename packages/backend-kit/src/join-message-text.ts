/**
 * The text of a message's content for APIs that take plain text there (system prompts, tool
 * results, Ollama's every message): a string as it is, text and refusal parts joined with newlines.
 *
 * @example
 * joinMessageText([{ type: 'text', text: 'Be brief.' }, { type: 'text', text: 'Answer in French.' }]);
 * // → 'Be brief.\nAnswer in French.'
 */
export function joinMessageText(
  content: string | readonly ({ readonly text: string } | { readonly refusal: string })[],
): string {
  if (typeof content === 'string') return content;
  return content.map((part) => ('text' in part ? part.text : part.refusal)).join('\n');
}
