import { type DialectContext, isRecord } from '@switchyard/backend-kit';
import type { BackendDescription, ModelDescription } from '@switchyard/core';
import { quantizationFromCheckpointName } from './vllm-quantization.js';

/** A vLLM model description with where its weights came from. */
export type VllmModelDescription = ModelDescription & {
  /** Weights path or hub id (`root`). */
  readonly root?: string;
  /** Base model of a LoRA entry (`parent`). */
  readonly parent?: string;
};

/**
 * Discovers vLLM's served models from `GET /v1/models`: `max_model_len` is the context window,
 * `root` the checkpoint (quantization is inferred from its name — vLLM does not report it),
 * `parent` marks LoRA adapters. Served models are always loaded.
 *
 * @example
 * const { models } = await describeVllm(context, 'http://127.0.0.1:8000');
 */
export async function describeVllm(
  context: DialectContext,
  root: string,
  options: { signal?: AbortSignal } = {},
): Promise<BackendDescription & { readonly models: readonly VllmModelDescription[] }> {
  const { data } = await context.http.json<unknown>(`${root}/v1/models`, { signal: options.signal });
  const entries = isRecord(data) && Array.isArray(data.data) ? data.data.filter(isRecord) : [];
  const models = entries.flatMap((entry): VllmModelDescription[] => {
    if (typeof entry.id !== 'string') return [];
    const checkpoint = text(entry.root);
    const parent = text(entry.parent);
    const contextWindow =
      typeof entry.max_model_len === 'number' && entry.max_model_len > 0 ? entry.max_model_len : undefined;
    const quantization =
      quantizationFromCheckpointName(checkpoint) ?? quantizationFromCheckpointName(entry.id);
    return [
      {
        id: entry.id,
        ...(contextWindow === undefined ? {} : { contextWindow }),
        ...(quantization === undefined ? {} : { quantization }),
        capabilities: {
          ...(contextWindow === undefined ? {} : { contextWindow }),
          structuredOutput: 'native',
        },
        loaded: true,
        ...(checkpoint === undefined ? {} : { root: checkpoint }),
        ...(parent === undefined ? {} : { parent }),
      },
    ];
  });
  return { backend: context.id, kind: 'vllm', models };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
