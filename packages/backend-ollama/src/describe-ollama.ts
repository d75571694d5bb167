import { type DialectHttp, isRecord } from '@switchyard/backend-kit';
import type { BackendDescription, ModelDescription, TargetCapabilities } from '@switchyard/core';
import { numCtxFor, type OllamaSettings } from './ollama-settings.js';

/** An Ollama model with the facts routing and `doctor` care about. */
export type OllamaModelDescription = ModelDescription & {
  /** `details.family`, e.g. `llama`, `qwen2`. */
  readonly family?: string;
  /** The model's trained maximum context (`model_info['<arch>.context_length']`). */
  readonly trainedContextWindow?: number;
  /** The context the loaded runner was allocated (`/api/ps` `context_length`), when loaded. */
  readonly loadedContextWindow?: number;
  /** When keep-alive ends for a loaded model (`/api/ps` `expires_at`). */
  readonly expiresAt?: string;
  /** Bytes held in GPU memory when loaded; less than `sizeBytes` means partial CPU offload. */
  readonly vramBytes?: number;
  /** Ollama's capability names as reported (`completion`, `tools`, `vision`, `thinking`, `embedding`…). */
  readonly ollamaCapabilities?: readonly string[];
};

/** What `describe()` returns for Ollama. */
export type OllamaDescription = BackendDescription & { readonly models: readonly OllamaModelDescription[] };

type JsonRecord = Record<string, unknown>;

/**
 * Discovers an Ollama server's models: `GET /api/tags` (installed: size, `details`), `GET /api/ps`
 * (loaded now, allocated context, keep-alive expiry) and `POST /api/show` per model (capabilities
 * `tools`/`vision`, trained context from `model_info['<arch>.context_length']`). Quantization is
 * `details.quantization_level`. `contextWindow` is what a call will get: the configured `numCtx`
 * (capped at the trained maximum), else the loaded runner's context, else the trained maximum —
 * in that last case the server's default `num_ctx` may be much smaller, so set `numCtx`. A model
 * whose `/api/show` fails is still listed, without capabilities.
 *
 * @example
 * const { models } = await describeOllama(http, 'http://127.0.0.1:11434', 'ollama', {});
 * // → [{ id: 'llama3.1:8b', quantization: 'Q4_K_M', contextWindow: 131072, capabilities: { tools: true, … } }]
 */
export async function describeOllama(
  http: DialectHttp,
  root: string,
  backend: string,
  settings: Pick<OllamaSettings, 'numCtx'>,
  options: { signal?: AbortSignal } = {},
): Promise<OllamaDescription> {
  const [tags, processes] = await Promise.all([
    http.json<unknown>(`${root}/api/tags`, { signal: options.signal }),
    http.json<unknown>(`${root}/api/ps`, { signal: options.signal }).catch(() => undefined),
  ]);
  const installed = recordsOf(record(tags.data).models);
  const loaded = new Map(
    recordsOf(record(processes?.data).models).map((entry) => [text(entry.name) ?? text(entry.model), entry]),
  );
  const shows = await Promise.all(
    installed.map((entry) =>
      http
        .json<unknown>(`${root}/api/show`, {
          body: { model: text(entry.name) ?? text(entry.model) },
          signal: options.signal,
        })
        .then((result) => record(result.data))
        .catch(() => undefined),
    ),
  );
  const models = installed.map((entry, index) =>
    describeModel(entry, shows[index], loaded.get(text(entry.name) ?? text(entry.model)), settings),
  );
  return { backend, kind: 'ollama', models };
}

function describeModel(
  entry: JsonRecord,
  show: JsonRecord | undefined,
  process: JsonRecord | undefined,
  settings: Pick<OllamaSettings, 'numCtx'>,
): OllamaModelDescription {
  const id = text(entry.name) ?? text(entry.model) ?? 'unknown';
  const details = record(show?.details ?? entry.details);
  const trained = trainedContext(record(show?.model_info));
  const loadedContext = positive(process?.context_length);
  const configured = numCtxFor(settings, id);
  const contextWindow =
    configured !== undefined ? Math.min(configured, trained ?? configured) : (loadedContext ?? trained);
  const reported = show?.capabilities;
  const names = Array.isArray(reported)
    ? reported.filter((name): name is string => typeof name === 'string')
    : undefined;
  const capabilities: Partial<TargetCapabilities> = {
    ...(contextWindow === undefined ? {} : { contextWindow }),
    ...(names === undefined ? {} : { tools: names.includes('tools'), vision: names.includes('vision') }),
    structuredOutput: 'native',
  };
  const vramBytes = positive(process?.size_vram);
  return {
    id,
    ...(contextWindow === undefined ? {} : { contextWindow }),
    quantization: text(details.quantization_level) ?? null,
    capabilities,
    loaded: process !== undefined,
    ...(positive(entry.size) === undefined ? {} : { sizeBytes: positive(entry.size) }),
    ...(text(details.parameter_size) === undefined ? {} : { parameterSize: text(details.parameter_size) }),
    ...(text(details.family) === undefined ? {} : { family: text(details.family) }),
    ...(trained === undefined ? {} : { trainedContextWindow: trained }),
    ...(loadedContext === undefined ? {} : { loadedContextWindow: loadedContext }),
    ...(text(process?.expires_at) === undefined ? {} : { expiresAt: text(process?.expires_at) }),
    ...(vramBytes === undefined ? {} : { vramBytes }),
    ...(names === undefined ? {} : { ollamaCapabilities: names }),
  };
}

/** `<arch>.context_length` from GGUF metadata, where `<arch>` is `general.architecture`. */
function trainedContext(modelInfo: JsonRecord): number | undefined {
  const architecture = text(modelInfo['general.architecture']);
  if (architecture !== undefined) {
    const value = positive(modelInfo[`${architecture}.context_length`]);
    if (value !== undefined) return value;
  }
  const key = Object.keys(modelInfo).find((name) => name.endsWith('.context_length'));
  return key === undefined ? undefined : positive(modelInfo[key]);
}

function record(value: unknown): JsonRecord {
  return isRecord(value) ? value : {};
}

function recordsOf(value: unknown): JsonRecord[] {
  return Array.isArray(value) ? value.map(record) : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
