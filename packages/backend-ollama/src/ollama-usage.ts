import type { ReportedTiming } from '@switchyard/backend-kit';
import type { NormalizedUsage } from '@switchyard/core';
import type { OllamaChatResponse } from './ollama-wire.js';

const nanosecondsPerMillisecond = 1e6;

/**
 * Usage from Ollama's final object: `prompt_eval_count` → input, `eval_count` → output. Both are
 * `omitempty`, so an absent count is 0 (a fully cached prompt can report no prompt tokens).
 *
 * @example
 * ollamaUsage({ prompt_eval_count: 26, eval_count: 282 });
 * // → { inputTokens: 26, outputTokens: 282, cachedInputTokens: 0, reasoningTokens: 0 }
 */
export function ollamaUsage(final: OllamaChatResponse): NormalizedUsage {
  return {
    inputTokens: count(final.prompt_eval_count),
    outputTokens: count(final.eval_count),
    cachedInputTokens: 0,
    reasoningTokens: 0,
  };
}

/**
 * Ollama's own timing, converted from **nanoseconds**: `prompt_eval_duration` → `promptMs`,
 * `eval_duration` → `generationMs`, and tokens/s = `eval_count / eval_duration × 1e9`. Fields the
 * server left out stay out.
 *
 * @example
 * ollamaTiming({ eval_count: 282, eval_duration: 4_535_599_000, prompt_eval_duration: 342_546_000 });
 * // → { promptMs: 342.546, generationMs: 4535.599, outputTokensPerSecond: 62.175 }
 */
export function ollamaTiming(final: OllamaChatResponse): ReportedTiming {
  const promptNanoseconds = count(final.prompt_eval_duration);
  const evalNanoseconds = count(final.eval_duration);
  const outputTokens = count(final.eval_count);
  return {
    ...(promptNanoseconds > 0 ? { promptMs: round(promptNanoseconds / nanosecondsPerMillisecond) } : {}),
    ...(evalNanoseconds > 0 ? { generationMs: round(evalNanoseconds / nanosecondsPerMillisecond) } : {}),
    ...(evalNanoseconds > 0 && outputTokens > 0
      ? { outputTokensPerSecond: round((outputTokens / evalNanoseconds) * 1e9) }
      : {}),
  };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
