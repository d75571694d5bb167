import { type ChatTool, profileRequest } from '@switchyard/core';

// Everything goes through the public `profileRequest`, so the report measures what routing sees.

/** Prompt tokens the profiler adds around a message's content (message overhead, reply priming). */
const emptyMessageTokens = profileRequest({
  model: 'report',
  messages: [{ role: 'user', content: '' }],
}).promptTokens;

/**
 * The profiler's estimate of one text's tokens: the prompt tokens of a one-message request
 * holding it, minus the fixed overhead of that message.
 *
 * @example
 * estimateTextWithProfiler('Summarize this article in three bullet points.'); // ≈ 10
 */
export function estimateTextWithProfiler(text: string): number {
  return (
    profileRequest({ model: 'report', messages: [{ role: 'user', content: text }] }).promptTokens -
    emptyMessageTokens
  );
}

/**
 * The profiler's estimate of tool definitions' tokens (`toolSchemaTokens`).
 *
 * @example
 * estimateToolsWithProfiler([weatherTool]); // ≈ 40
 */
export function estimateToolsWithProfiler(tools: readonly ChatTool[]): number {
  return profileRequest({ model: 'report', messages: [], tools: [...tools] }).toolSchemaTokens;
}
