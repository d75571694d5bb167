import type { ChatCompletionChunk } from '../spec/chat-completion.js';

/**
 * Whether a streamed chunk carries something of the answer: text, reasoning, a refusal, a tool-call
 * fragment or a finish reason. A role-only opening chunk (`{ role: 'assistant', content: '' }`,
 * which OpenAI-style servers send at once) or a usage-only chunk does not: the executor holds
 * those back, so a hop that fails right after them can still fail over.
 *
 * @example
 * carriesContent({ …, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }); // false
 */
export function carriesContent(chunk: ChatCompletionChunk): boolean {
  for (const choice of chunk.choices) {
    if (choice.finish_reason !== null) return true;
    const delta = choice.delta;
    if (typeof delta.content === 'string' && delta.content !== '') return true;
    if (typeof delta.reasoning === 'string' && delta.reasoning !== '') return true;
    if (typeof delta.refusal === 'string' && delta.refusal !== '') return true;
    if (delta.tool_calls !== undefined && delta.tool_calls.length > 0) return true;
  }
  return false;
}
