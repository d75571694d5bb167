import type { BackendKind, ModelDescription } from '@switchyard/core';

/**
 * How a server's model list answers "does it have this model?":
 *
 * - `listed`: it lists the model;
 * - `served`: a single-model server (llama.cpp, TGI, embedded) that answers with its one model
 *   whatever name is asked for;
 * - `missing`: a server whose list is complete (Ollama, vLLM) does not have it — every call fails
 *   with `model-not-found`;
 * - `not-listed`: a cloud or OpenAI-compatible list without it (the provider may still accept
 *   the name as an alias);
 * - `unknown`: no list (the server is down, or listing failed).
 */
export type ModelMatch =
  | { readonly status: 'listed' | 'served'; readonly model: ModelDescription }
  | { readonly status: 'missing' | 'not-listed' | 'unknown' };

/** Backends that serve one model, whatever name a request asks for. */
const singleModelKinds: ReadonlySet<BackendKind> = new Set(['llamacpp', 'tgi', 'embedded']);
/** Backends whose model list is exactly what they accept. */
const completeListKinds: ReadonlySet<BackendKind> = new Set(['ollama', 'vllm']);

/**
 * Finds `model` in a server's described models. Names are compared exactly, except Ollama's
 * implicit `:latest` tag (`llama3.1` is `llama3.1:latest`) and a `.gguf` file name standing for
 * its model (`tiny-chatml` is `tiny-chatml.gguf`).
 *
 * @example
 * matchServedModel('ollama', 'qwen2.5:7b', [{ id: 'llama3.1:8b' }]); // { status: 'missing' }
 */
export function matchServedModel(
  kind: BackendKind,
  model: string,
  models: readonly ModelDescription[] | undefined,
): ModelMatch {
  if (models === undefined) return { status: 'unknown' };
  const wanted = comparable(kind, model);
  const found = models.find((entry) => comparable(kind, entry.id) === wanted);
  if (found !== undefined) return { status: 'listed', model: found };
  if (singleModelKinds.has(kind) && models.length === 1) {
    return { status: 'served', model: models[0] as ModelDescription };
  }
  return { status: completeListKinds.has(kind) ? 'missing' : 'not-listed' };
}

function comparable(kind: BackendKind, name: string): string {
  const trimmed = name.trim();
  if (kind === 'ollama') return trimmed.includes(':') ? trimmed : `${trimmed}:latest`;
  return trimmed.replace(/\.gguf$/i, '');
}
