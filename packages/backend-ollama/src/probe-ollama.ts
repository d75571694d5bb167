import { type DialectHttp, isRecord, runProbe } from '@switchyard/backend-kit';
import type { ProbeResult } from '@switchyard/core';

/** A loaded model as `/api/ps` reports it. */
export type OllamaLoadedModel = {
  readonly id: string;
  /** The context the runner was allocated, in tokens. */
  readonly contextWindow?: number;
  /** When keep-alive ends. */
  readonly expiresAt?: string;
};

/** `probe()` for Ollama: the common result plus the models loaded now. */
export type OllamaProbeResult = ProbeResult & { readonly loadedModels?: readonly OllamaLoadedModel[] };

/**
 * Checks an Ollama server without generating anything: `GET /` must answer 200 `Ollama is
 * running` (a server that answers something else at `/` counts only if `GET /api/version` names a
 * version); then `GET /api/ps` lists the loaded models (latency is measured on `/` alone). Ollama
 * loads models lazily, so `up` says nothing about any one model: `loadedModels` does. Never throws.
 *
 * @example
 * const { status, loadedModels } = await probeOllama(http, 'http://127.0.0.1:11434');
 */
export function probeOllama(
  http: DialectHttp,
  root: string,
  options: { signal?: AbortSignal } = {},
): Promise<OllamaProbeResult> {
  const check = async (stopClock: () => void): Promise<Omit<OllamaProbeResult, 'latencyMs'>> => {
    const { text } = await http.text(`${root}/`, { signal: options.signal });
    if (!/ollama is running/i.test(text)) {
      const version = await http
        .json<unknown>(`${root}/api/version`, { signal: options.signal })
        .then(({ data }) => (isRecord(data) && typeof data.version === 'string' ? data.version : undefined))
        .catch(() => undefined);
      stopClock();
      if (version === undefined) {
        return {
          status: 'down',
          detail: `${root}/ answered, but not as an Ollama server ("Ollama is running")`,
        };
      }
    }
    stopClock();
    const loadedModels = await listLoaded(http, root, options.signal).catch(() => undefined);
    if (loadedModels === undefined) return { status: 'up' };
    const detail =
      loadedModels.length === 0
        ? 'no model loaded'
        : `loaded: ${loadedModels.map((model) => model.id).join(', ')}`;
    return { status: 'up', detail, loadedModels };
  };
  // runProbe keeps the extra `loadedModels` field; its declared type only knows the common ones.
  return runProbe(check) as Promise<OllamaProbeResult>;
}

async function listLoaded(
  http: DialectHttp,
  root: string,
  signal: AbortSignal | undefined,
): Promise<OllamaLoadedModel[]> {
  const { data } = await http.json<unknown>(`${root}/api/ps`, { signal });
  const models = isRecord(data) && Array.isArray(data.models) ? data.models.filter(isRecord) : [];
  return models.flatMap((model) => {
    const id =
      typeof model.name === 'string' ? model.name : typeof model.model === 'string' ? model.model : undefined;
    if (id === undefined) return [];
    return [
      {
        id,
        ...(typeof model.context_length === 'number' ? { contextWindow: model.context_length } : {}),
        ...(typeof model.expires_at === 'string' ? { expiresAt: model.expires_at } : {}),
      },
    ];
  });
}
