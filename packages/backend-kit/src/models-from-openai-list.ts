import type { ModelDescription } from '@switchyard/core';
import { isRecord } from './is-record.js';

/**
 * Reads a `GET /v1/models` list into model descriptions, taking the context window from whichever
 * field the server uses: vLLM `max_model_len`, OpenRouter/others `context_length`, llama.cpp
 * `meta.n_ctx`. OpenAI lists ids only.
 *
 * @example
 * modelsFromOpenAIList({ data: [{ id: 'qwen', max_model_len: 32768 }] }); // → [{ id: 'qwen', contextWindow: 32768 }]
 */
export function modelsFromOpenAIList(list: unknown): ModelDescription[] {
  if (!isRecord(list) || !Array.isArray(list.data)) return [];
  return list.data.filter(isRecord).flatMap((entry) => {
    if (typeof entry.id !== 'string' || entry.id === '') return [];
    const meta = isRecord(entry.meta) ? entry.meta : {};
    const contextWindow =
      positive(entry.max_model_len) ?? positive(entry.context_length) ?? positive(meta.n_ctx);
    return [{ id: entry.id, ...(contextWindow === undefined ? {} : { contextWindow }) }];
  });
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
