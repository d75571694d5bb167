import type { UsageReport } from '../emulator/resolve-reply.js';

/**
 * Anthropic `usage` for a report: `input_tokens` (no cache in the emulator), cache fields at 0,
 * `output_tokens`. `undefined` when usage is to be missing.
 *
 * @example
 * anthropicUsage({ type: 'normal', inputTokens: 12, outputTokens: 7 })
 */
export function anthropicUsage(
  report: UsageReport,
  outputTokens?: number,
): Record<string, unknown> | undefined {
  if (report.type === 'missing') return undefined;
  if (report.type === 'wrong') return { ...(report.usage ?? { input_tokens: -1, output_tokens: null }) };
  return {
    input_tokens: report.inputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    output_tokens: outputTokens ?? report.outputTokens,
    service_tier: 'standard',
  };
}
