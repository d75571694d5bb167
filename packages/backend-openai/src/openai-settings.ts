import type { OpenAICompatibleSettings } from '@switchyard/backend-kit';

/** OpenAI's API base. */
export const defaultOpenAIBaseUrl = 'https://api.openai.com/v1';

/**
 * Settings of `createOpenAI`. The key comes from `apiKey` or, by default, the `OPENAI_API_KEY`
 * environment variable, read at each call.
 */
export type OpenAISettings = Omit<OpenAICompatibleSettings, 'baseUrl'> & {
  /** API base including `/v1`. Default `https://api.openai.com/v1` (set it for a proxy or Azure-style gateway). */
  readonly baseUrl?: string;
  /** Sent as `OpenAI-Organization`. */
  readonly organization?: string;
  /** Sent as `OpenAI-Project`. */
  readonly project?: string;
};
