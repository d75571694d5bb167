import type { ApiKeySettings, FetchFunction } from '@switchyard/backend-kit';

/** Default Ollama address (`OLLAMA_HOST` default, IPv4 so it works where `localhost` is `::1`). */
export const defaultOllamaBaseUrl = 'http://127.0.0.1:11434';

/**
 * Settings of `createOllama`. Every field is optional; construction does no I/O.
 *
 * `numCtx` matters most: Ollama **silently truncates** a prompt longer than its context window
 * (the server default is `OLLAMA_CONTEXT_LENGTH`, else 4k–256k depending on VRAM), so set it to
 * the window your targets declare. `truncate: false` turns that silent truncation into a
 * `context-length-exceeded` error instead.
 */
export type OllamaSettings = ApiKeySettings & {
  /** Backend id used in routes, errors and events. Default `ollama`. */
  readonly id?: string;
  /** Server root. Default `http://127.0.0.1:11434` (a trailing `/api` or `/v1` is accepted and stripped). */
  readonly baseUrl?: string;
  /**
   * `options.num_ctx` sent with every call: one number for every model, or a number per model name
   * (`{ 'llama3.1:8b': 16384 }`; models not listed keep the server default). Default: not sent.
   */
  readonly numCtx?: number | Readonly<Record<string, number>>;
  /**
   * `keep_alive` sent with every call and warm-up: a Go duration (`'30m'`, `'1h'`) or seconds
   * (`-1` keeps the model loaded forever, `0` unloads it after the call). Default: not sent (the
   * server's `OLLAMA_KEEP_ALIVE`, 5 minutes).
   */
  readonly keepAlive?: string | number;
  /**
   * `truncate` sent with every call. `false` makes an over-long prompt fail with
   * `context-length-exceeded` (so the router can re-route it) instead of Ollama dropping the
   * oldest messages without a word. Default: not sent (Ollama truncates).
   */
  readonly truncate?: boolean;
  /** Default Ollama `options` (`top_k`, `num_gpu`, `num_thread`…); the request's own values win. */
  readonly options?: Readonly<Record<string, unknown>>;
  /** Extra headers on every request (a reverse proxy's auth, for example). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The fetch to use (tests inject one). Default: `globalThis.fetch`. */
  readonly fetch?: FetchFunction;
  /** Abort a stream when no bytes arrive for this long, in ms. Default: no idle limit. */
  readonly streamIdleTimeoutMs?: number;
};

/**
 * The `num_ctx` configured for a model, if any.
 *
 * @example
 * numCtxFor({ numCtx: { 'llama3.1:8b': 16384 } }, 'llama3.1:8b'); // → 16384
 */
export function numCtxFor(settings: Pick<OllamaSettings, 'numCtx'>, model: string): number | undefined {
  const { numCtx } = settings;
  if (typeof numCtx === 'number') return numCtx;
  if (numCtx === undefined) return undefined;
  return Object.hasOwn(numCtx, model) ? numCtx[model] : numCtx[withLatestTag(model)];
}

function withLatestTag(model: string): string {
  const slash = model.lastIndexOf('/');
  return model.indexOf(':', slash + 1) >= 0 ? model.replace(/:latest$/, '') : `${model}:latest`;
}
