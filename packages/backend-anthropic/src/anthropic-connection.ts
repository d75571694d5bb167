import {
  apiKeySourceHint,
  type HttpContext,
  resolveApiKey,
  trimTrailingSlashes,
} from '@switchyard/backend-kit';
import { BackendCallError } from '@switchyard/core';
import {
  type AnthropicSettings,
  defaultAnthropicBaseUrl,
  defaultAnthropicVersion,
} from './anthropic-settings.js';
import { classifyAnthropicError } from './classify-anthropic-error.js';

/** The environment variable read for the key when the settings name none. */
export const defaultAnthropicApiKeyEnv = 'ANTHROPIC_API_KEY';

/** What every Anthropic call shares: id, API root, the key read at call time, headers and error context. */
export type AnthropicConnection = {
  readonly id: string;
  /** API root without `/v1`, e.g. `https://api.anthropic.com`. */
  readonly root: string;
  /** Reads the key now; `undefined` when none is configured. */
  apiKey(): string | undefined;
  /** Where the key is expected (`set ANTHROPIC_API_KEY or pass apiKey`), for messages. */
  readonly apiKeyHint: string;
  /**
   * Headers and error context for one call. Reads the key now and throws `unauthorized` (naming
   * the environment variable, never a value) when there is none.
   */
  prepare(callHeaders?: Readonly<Record<string, string>>): {
    readonly headers: Record<string, string>;
    readonly http: HttpContext;
  };
};

/**
 * Builds an Anthropic connection from the settings. Does no I/O; the key is read by `prepare`,
 * on every call, so a rotated key needs no restart.
 *
 * @example
 * const { headers, http } = createAnthropicConnection({ apiKeyEnv: 'MY_ANTHROPIC_KEY' }).prepare();
 */
export function createAnthropicConnection(settings: AnthropicSettings): AnthropicConnection {
  const id = settings.id ?? 'anthropic';
  const root = trimTrailingSlashes(settings.baseUrl ?? defaultAnthropicBaseUrl).replace(/\/v1$/, '');
  const apiKeyHint = apiKeySourceHint(settings, defaultAnthropicApiKeyEnv);
  const apiKey = () => resolveApiKey(settings, defaultAnthropicApiKeyEnv);
  return {
    id,
    root,
    apiKey,
    apiKeyHint,
    prepare(callHeaders) {
      const key = apiKey();
      if (key === undefined) {
        throw new BackendCallError({
          message: `Anthropic needs an API key: ${apiKeyHint}`,
          code: 'unauthorized',
          backend: id,
          phase: 'connect',
        });
      }
      const headers: Record<string, string> = {
        'x-api-key': key,
        'anthropic-version': settings.anthropicVersion ?? defaultAnthropicVersion,
        ...(settings.betas !== undefined && settings.betas.length > 0
          ? { 'anthropic-beta': settings.betas.join(',') }
          : {}),
        ...settings.headers,
        ...callHeaders,
      };
      const secrets = [key, headers['x-api-key'], headers.authorization?.replace(/^\w+\s+/, '')];
      return {
        headers,
        http: {
          backend: id,
          fetch: settings.fetch,
          secrets,
          classifier: classifyAnthropicError,
          // Anthropic support asks for it; the body's `request_id` is read first.
          requestIdHeader: 'request-id',
        },
      };
    },
  };
}
