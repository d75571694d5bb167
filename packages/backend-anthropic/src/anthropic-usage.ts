import type { NormalizedUsage } from '@switchyard/core';
import type { AnthropicUsage } from './anthropic-wire.js';

/**
 * Normalises Anthropic usage. `input_tokens` **excludes** cached input, so all input is
 * `input_tokens + cache_creation_input_tokens + cache_read_input_tokens`; cache reads are the
 * cached part. `output_tokens` includes thinking tokens (Anthropic does not split them out).
 *
 * @example
 * anthropicUsage({ input_tokens: 20, cache_creation_input_tokens: 100, cache_read_input_tokens: 1000, output_tokens: 50 });
 * // → { inputTokens: 1120, outputTokens: 50, cachedInputTokens: 1000, reasoningTokens: 0 }
 */
export function anthropicUsage(usage: AnthropicUsage | undefined): NormalizedUsage {
  const cacheRead = count(usage?.cache_read_input_tokens);
  return {
    inputTokens: count(usage?.input_tokens) + count(usage?.cache_creation_input_tokens) + cacheRead,
    outputTokens: count(usage?.output_tokens),
    cachedInputTokens: cacheRead,
    reasoningTokens: 0,
  };
}

/**
 * Merges streamed usage: `message_start` carries the input side, each `message_delta` the
 * cumulative totals so far — the latest value of each field wins.
 *
 * @example
 * mergeAnthropicUsage({ input_tokens: 20, output_tokens: 1 }, { output_tokens: 50 }); // → { input_tokens: 20, output_tokens: 50 }
 */
export function mergeAnthropicUsage(
  previous: AnthropicUsage | undefined,
  next: unknown,
): AnthropicUsage | undefined {
  if (typeof next !== 'object' || next === null) return previous;
  const merged: Record<string, unknown> = { ...previous };
  for (const [key, value] of Object.entries(next)) if (typeof value === 'number') merged[key] = value;
  return merged as AnthropicUsage;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
