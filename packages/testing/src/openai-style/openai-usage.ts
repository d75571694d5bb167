import type { UsageReport } from '../emulator/resolve-reply.js';

/**
 * OpenAI-style `usage` for a usage report: `{prompt_tokens, completion_tokens, total_tokens}` plus
 * backend extras; `undefined` when usage is to be missing; impossible values (or the fault's
 * own object) when it is to be wrong.
 *
 * @example
 * openAIUsage({ type: 'normal', inputTokens: 3, outputTokens: 7 }) // { prompt_tokens: 3, completion_tokens: 7, total_tokens: 10 }
 */
export function openAIUsage(
  report: UsageReport,
  extras: (inputTokens: number, outputTokens: number) => Readonly<Record<string, unknown>> = () => ({}),
): Record<string, unknown> | undefined {
  if (report.type === 'missing') return undefined;
  if (report.type === 'wrong')
    return { ...(report.usage ?? { prompt_tokens: -1, completion_tokens: null, total_tokens: 0 }) };
  return {
    prompt_tokens: report.inputTokens,
    completion_tokens: report.outputTokens,
    total_tokens: report.inputTokens + report.outputTokens,
    ...extras(report.inputTokens, report.outputTokens),
  };
}
