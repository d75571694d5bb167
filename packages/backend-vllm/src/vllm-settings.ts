import type { OpenAICompatibleSettings } from '@switchyard/backend-kit';

/** Default `vllm serve` address. */
export const defaultVllmBaseUrl = 'http://127.0.0.1:8000';

/**
 * Settings of `createVllm`. `baseUrl` is the server root (`http://127.0.0.1:8000`; a trailing
 * `/v1` is accepted): chat goes to `/v1/chat/completions`, discovery to `/v1/models`, health to
 * `/health`, load to `/metrics`. Pass `apiKey`/`apiKeyEnv` when the server runs with `--api-key`.
 */
export type VllmSettings = Omit<OpenAICompatibleSettings, 'baseUrl'> & {
  /** Server root. Default `http://127.0.0.1:8000`. */
  readonly baseUrl?: string;
};
