import type { NormalizedUsage, Usage } from '@switchyard/core';
import { isRecord } from './is-record.js';

/** Usage when the backend reported none. */
export const zeroUsage: NormalizedUsage = Object.freeze({
  inputTokens: 0,
  outputTokens: 0,
  cachedInputTokens: 0,
  reasoningTokens: 0,
});

/**
 * Normalises an OpenAI-shaped `usage` object (OpenAI, vLLM, llama.cpp, TGI, OpenRouter):
 * `prompt_tokens` (cached included) → `inputTokens`, `prompt_tokens_details.cached_tokens`,
 * `completion_tokens_details.reasoning_tokens`, and OpenRouter's `cost` (USD) → `providerCostUsd`.
 * Returns `undefined` when `usage` is absent or null.
 *
 * @example
 * normalizeOpenAIUsage({ prompt_tokens: 25, completion_tokens: 10, total_tokens: 35, cost: 0.00012 });
 * // → { inputTokens: 25, outputTokens: 10, cachedInputTokens: 0, reasoningTokens: 0, providerCostUsd: 0.00012 }
 */
export function normalizeOpenAIUsage(usage: unknown): NormalizedUsage | undefined {
  if (!isRecord(usage)) return undefined;
  const promptDetails = isRecord(usage.prompt_tokens_details) ? usage.prompt_tokens_details : {};
  const completionDetails = isRecord(usage.completion_tokens_details) ? usage.completion_tokens_details : {};
  const cost = usage.cost;
  return {
    inputTokens: count(usage.prompt_tokens),
    outputTokens: count(usage.completion_tokens),
    cachedInputTokens: count(promptDetails.cached_tokens),
    reasoningTokens: count(completionDetails.reasoning_tokens),
    ...(typeof cost === 'number' && Number.isFinite(cost) ? { providerCostUsd: cost } : {}),
  };
}

/**
 * Rebuilds a clean OpenAI `usage` object (only the standard fields) from a backend's raw one.
 *
 * @example
 * toOpenAIUsage({ prompt_tokens: 25, completion_tokens: 10, total_tokens: 35, cost: 0.1 });
 * // → { prompt_tokens: 25, completion_tokens: 10, total_tokens: 35 }
 */
export function toOpenAIUsage(usage: unknown): Usage | undefined {
  const normalized = normalizeOpenAIUsage(usage);
  if (normalized === undefined || !isRecord(usage)) return undefined;
  const total = typeof usage.total_tokens === 'number' ? usage.total_tokens : undefined;
  return {
    prompt_tokens: normalized.inputTokens,
    completion_tokens: normalized.outputTokens,
    total_tokens: total ?? normalized.inputTokens + normalized.outputTokens,
    ...(isRecord(usage.prompt_tokens_details)
      ? { prompt_tokens_details: { cached_tokens: normalized.cachedInputTokens } }
      : {}),
    ...(isRecord(usage.completion_tokens_details)
      ? { completion_tokens_details: { reasoning_tokens: normalized.reasoningTokens } }
      : {}),
  };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
