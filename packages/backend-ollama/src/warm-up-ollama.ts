import type { DialectHttp } from '@switchyard/backend-kit';
import { BackendCallError } from '@switchyard/core';
import { numCtxFor, type OllamaSettings } from './ollama-settings.js';

/**
 * Loads a model into memory without generating: `POST /api/chat` with empty `messages`, the
 * settings' `keep_alive` (so it stays loaded as long as real calls will keep it) and `num_ctx`
 * (so the first real call does not reload the runner with another context size). Ollama answers
 * `done_reason: "load"`. A missing model fails with `model-not-found`.
 *
 * @example
 * await warmUpOllama(http, 'http://127.0.0.1:11434', 'llama3.1:8b', { keepAlive: '30m' }, 'ollama');
 */
export async function warmUpOllama(
  http: DialectHttp,
  root: string,
  model: string,
  settings: Pick<OllamaSettings, 'keepAlive' | 'numCtx'>,
  backend: string,
  options: { signal?: AbortSignal } = {},
): Promise<void> {
  const numCtx = numCtxFor(settings, model);
  const body = {
    model,
    messages: [],
    stream: false,
    ...(settings.keepAlive === undefined ? {} : { keep_alive: settings.keepAlive }),
    ...(numCtx === undefined ? {} : { options: { num_ctx: numCtx } }),
  };
  const { data, status } = await http.json<unknown>(`${root}/api/chat`, { body, signal: options.signal });
  const answer = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  if (answer.done !== true) {
    throw new BackendCallError({
      message: `Ollama answered the warm-up of '${model}' without done:true`,
      code: 'invalid-output',
      backend,
      phase: 'headers',
      status,
    });
  }
}
