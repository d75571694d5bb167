import { type DialectContext, isRecord } from '@switchyard/backend-kit';
import type { BackendDescription, ModelDescription, TargetCapabilities } from '@switchyard/core';
import { quantizationFromFileName, quantizationFromFtype } from './llamacpp-quantization.js';

/** A llama.cpp model description with the server facts routing cares about. */
export type LlamaCppModelDescription = ModelDescription & {
  /** Parallel slots (`/props` `total_slots`): the most requests it serves at once. */
  readonly slots?: number;
  /** The model's trained context (`meta.n_ctx_train`); the server may run a smaller `-c`. */
  readonly trainedContextWindow?: number;
  /** The server's own file-type string (`all F32`, `Q4_K - Medium`). */
  readonly fileType?: string;
  /** The model path the server loaded (`/props` `model_path`). */
  readonly modelPath?: string;
};

/**
 * Discovers what a llama-server serves from `/v1/models` (id, `meta.n_ctx`, `ftype`, size,
 * parameters) and `/props` (`default_generation_settings.n_ctx` — the per-request maximum —
 * `total_slots`, `model_path`, `model_ftype`, `modalities.vision`,
 * `chat_template_caps.supports_tools`). Quantization comes from the GGUF file name
 * (`…-Q4_K_M.gguf`), else from the file type. Either endpoint may be missing (old builds);
 * the other still answers.
 *
 * @example
 * const { models } = await describeLlamaCpp(context, 'http://127.0.0.1:8080');
 * console.log(models[0]?.contextWindow, models[0]?.quantization);
 */
export async function describeLlamaCpp(
  context: DialectContext,
  root: string,
  options: { signal?: AbortSignal } = {},
): Promise<BackendDescription & { readonly models: readonly LlamaCppModelDescription[] }> {
  const [list, props] = await Promise.allSettled([
    context.http.json(`${root}/v1/models`, { signal: options.signal }),
    context.http.json(`${root}/props`, { signal: options.signal }),
  ]);
  if (list.status === 'rejected' && props.status === 'rejected') throw list.reason;
  const entries = list.status === 'fulfilled' ? recordsOf(record(list.value.data).data) : [];
  const properties = props.status === 'fulfilled' ? record(props.value.data) : undefined;
  const single = entries.length <= 1;
  const models =
    entries.length === 0
      ? properties === undefined
        ? []
        : [describeModel(undefined, properties)]
      : entries.map((entry) => describeModel(entry, single ? properties : undefined));
  return { backend: context.id, kind: 'llamacpp', models };
}

function describeModel(
  entry: Record<string, unknown> | undefined,
  props: Record<string, unknown> | undefined,
): LlamaCppModelDescription {
  const meta = record(entry?.meta);
  const settings = record(props?.default_generation_settings);
  const modelPath = text(props?.model_path);
  const id = text(entry?.id) ?? text(props?.model_alias) ?? baseName(modelPath) ?? 'unknown';
  const fileType = text(meta.ftype) ?? text(props?.model_ftype);
  const contextWindow = positive(settings.n_ctx) ?? positive(meta.n_ctx);
  const quantization =
    quantizationFromFileName(text(entry?.id)) ??
    quantizationFromFileName(modelPath) ??
    quantizationFromFtype(fileType);
  const status = record(entry?.status).value;
  const loaded = typeof status === 'string' ? status === 'loaded' : props?.is_sleeping !== true;
  const parameters = positive(meta.n_params);
  return {
    id,
    ...(contextWindow === undefined ? {} : { contextWindow }),
    ...(quantization === undefined ? {} : { quantization }),
    capabilities: capabilitiesOf(props, contextWindow),
    loaded,
    ...(positive(meta.size) === undefined ? {} : { sizeBytes: positive(meta.size) }),
    ...(parameters === undefined ? {} : { parameterSize: formatParameterCount(parameters) }),
    ...(positive(props?.total_slots) === undefined ? {} : { slots: positive(props?.total_slots) }),
    ...(positive(meta.n_ctx_train) === undefined ? {} : { trainedContextWindow: positive(meta.n_ctx_train) }),
    ...(fileType === undefined ? {} : { fileType }),
    ...(modelPath === undefined ? {} : { modelPath }),
  };
}

function capabilitiesOf(
  props: Record<string, unknown> | undefined,
  contextWindow: number | undefined,
): Partial<TargetCapabilities> {
  const caps = record(props?.chat_template_caps);
  const modalities = record(props?.modalities);
  return {
    ...(contextWindow === undefined ? {} : { contextWindow }),
    // Without template support, llama-server silently ignores `tools` (observed).
    ...(typeof caps.supports_tools === 'boolean' ? { tools: caps.supports_tools } : {}),
    structuredOutput: 'native',
    ...(typeof modalities.vision === 'boolean' ? { vision: modalities.vision } : {}),
  };
}

/**
 * Formats a parameter count the way model cards do: `8.0B`, `243K`.
 *
 * @example
 * formatParameterCount(8_030_261_248); // → '8.0B'
 */
export function formatParameterCount(count: number): string {
  if (count >= 1e9) return `${(count / 1e9).toFixed(1)}B`;
  if (count >= 1e6) return `${(count / 1e6).toFixed(1)}M`;
  return `${Math.round(count / 1e3)}K`;
}

function baseName(path: string | undefined): string | undefined {
  return path === undefined ? undefined : path.split(/[\\/]/).pop();
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function recordsOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.map(record) : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
