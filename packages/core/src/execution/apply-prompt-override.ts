import type { ChatMessage } from '../request/chat-request-schema.js';
import type { Target } from '../spec/target.js';

/** A target's prompt override (`target.prompt`). */
export type PromptOverride = NonNullable<Target['prompt']>;

/**
 * Returns the messages with a target's system-prompt override applied, leaving the input untouched.
 * `prepend` (default) puts the override before the request's leading system message, `append`
 * after it — both merged into that one message, since many local chat templates accept a single
 * system message only — and `replace` drops every system/developer message for the override. A
 * request with no system message gets the override as a new first message.
 *
 * @example
 * applyPromptOverride(messages, { system: 'Respond with ONLY one word.', mode: 'append' });
 */
export function applyPromptOverride(
  messages: readonly ChatMessage[],
  override: PromptOverride,
): ChatMessage[] {
  const mode = override.mode ?? 'prepend';
  const overrideMessage: ChatMessage = { role: 'system', content: override.system };
  if (mode === 'replace') {
    return [overrideMessage, ...messages.filter((message) => !isSystem(message))];
  }
  const first = messages[0];
  if (first === undefined || !isSystem(first)) return [overrideMessage, ...messages];
  const existing = textOf(first.content);
  const content =
    mode === 'prepend' ? `${override.system}\n\n${existing}` : `${existing}\n\n${override.system}`;
  return [{ ...first, content }, ...messages.slice(1)];
}

function isSystem(message: ChatMessage): message is Extract<ChatMessage, { role: 'system' | 'developer' }> {
  return message.role === 'system' || message.role === 'developer';
}

function textOf(content: string | readonly { readonly text: string }[]): string {
  return typeof content === 'string' ? content : content.map((part) => part.text).join('\n');
}
