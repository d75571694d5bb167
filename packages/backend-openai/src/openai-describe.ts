import { type DialectContext, joinUrl, modelsFromOpenAIList } from '@switchyard/backend-kit';
import type { BackendDescription, BackendKind } from '@switchyard/core';

/**
 * Lists models from `GET /models`. OpenAI returns ids only (no context window or price); other
 * OpenAI-compatible servers may add `max_model_len` (vLLM), `context_length`, or `meta.n_ctx`
 * (llama.cpp), which become `contextWindow`.
 *
 * @example
 * const { models } = await describeModelsEndpoint(context, 'openai'); // [{ id: 'gpt-4o-mini' }, …]
 */
export async function describeModelsEndpoint(
  context: DialectContext,
  kind: BackendKind,
  options: { signal?: AbortSignal } = {},
): Promise<BackendDescription> {
  const { data } = await context.http.json(joinUrl(context.baseUrl, '/models'), { signal: options.signal });
  return { backend: context.id, kind, models: modelsFromOpenAIList(data) };
}
