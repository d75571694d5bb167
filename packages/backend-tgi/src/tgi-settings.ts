import type { OpenAICompatibleSettings } from '@switchyard/backend-kit';

/** Default TGI launcher address (`--port 3000`; the Docker image listens on 80). */
export const defaultTgiBaseUrl = 'http://127.0.0.1:3000';

/**
 * Settings of `createTgi`. `baseUrl` is the server root (a trailing `/v1` is accepted): chat goes
 * to `/v1/chat/completions`, discovery to `/info`, health to `/health`, load to `/metrics`. For a
 * Hugging Face Inference Endpoint pass the endpoint URL and `apiKeyEnv: 'HF_TOKEN'`.
 */
export type TgiSettings = Omit<OpenAICompatibleSettings, 'baseUrl'> & {
  /** Server root. Default `http://127.0.0.1:3000`. */
  readonly baseUrl?: string;
};
