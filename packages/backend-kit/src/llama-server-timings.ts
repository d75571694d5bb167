import type { ReportedTiming } from './call-timer.js';

/**
 * Reads llama.cpp's `timings` object (milliseconds): `prompt_ms` → `promptMs`, `predicted_ms` →
 * `generationMs`, `predicted_per_second` → `outputTokensPerSecond`. Any OpenAI-compatible answer
 * may carry it when llama-server sits behind the URL. Returns `undefined` when absent.
 *
 * @example
 * timingFromLlamaServer({ prompt_ms: 1.386, predicted_n: 10, predicted_ms: 1.269, predicted_per_second: 7092.2 });
 * // → { promptMs: 1.386, generationMs: 1.269, outputTokensPerSecond: 7092.2 }
 */
export function timingFromLlamaServer(timings: unknown): ReportedTiming | undefined {
  if (typeof timings !== 'object' || timings === null) return undefined;
  const record = timings as Record<string, unknown>;
  const promptMs = finite(record.prompt_ms);
  const generationMs = finite(record.predicted_ms);
  const perSecond = finite(record.predicted_per_second);
  const result: ReportedTiming = {
    ...(promptMs === undefined ? {} : { promptMs }),
    ...(generationMs === undefined ? {} : { generationMs }),
    ...(perSecond === undefined || perSecond <= 0 ? {} : { outputTokensPerSecond: perSecond }),
  };
  return Object.keys(result).length === 0 ? undefined : result;
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
