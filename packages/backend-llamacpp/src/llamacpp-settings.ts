import type { OpenAICompatibleSettings } from '@switchyard/backend-kit';

/** Default llama-server address (`--host 127.0.0.1 --port 8080`). */
export const defaultLlamaCppBaseUrl = 'http://127.0.0.1:8080';

/**
 * Settings of `createLlamaCpp`. `baseUrl` is the server root (`http://127.0.0.1:8080`; a trailing
 * `/v1` is accepted and stripped): chat goes to `/v1/chat/completions`, discovery to `/props`,
 * `/v1/models`, `/health`, `/slots`, `/tokenize`. A key is needed only when the server runs with
 * `--api-key`; `/health` never needs one.
 */
export type LlamaCppSettings = Omit<OpenAICompatibleSettings, 'baseUrl'> & {
  /** Server root. Default `http://127.0.0.1:8080`. */
  readonly baseUrl?: string;
};
