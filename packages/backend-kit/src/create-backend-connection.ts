import { BackendCallError } from '@switchyard/core';
import { callJson, callText } from './call-json.js';
import type {
  DialectCallOptions,
  DialectContext,
  OpenAICompatibleDialect,
  OpenAICompatibleSettings,
} from './openai-compatible-dialect.js';
import { apiKeySourceHint, resolveApiKey } from './resolve-api-key.js';
import type { HttpContext } from './send-request.js';
import { trimTrailingSlashes } from './server-root-url.js';

/** Header names whose values are credentials, redacted from every error. */
const credentialHeaders = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'api-key', 'cookie']);

/** A backend's connection: the dialect context plus per-call header and error setup. */
export type BackendConnection = DialectContext & {
  /**
   * Headers (auth, dialect, settings, call) and error context for one call. Reads the key now and
   * throws `unauthorized` (naming the env variable, never a value) when a required key is missing.
   */
  prepare(
    callHeaders?: Readonly<Record<string, string>>,
    options?: { readonly keyOptional?: boolean },
  ): {
    readonly headers: Record<string, string>;
    readonly http: HttpContext;
  };
};

/**
 * Builds what every call of an OpenAI-shaped backend shares: id, base URL, the key read at call
 * time, auth headers, redaction secrets and the dialect's error classifier. Does no I/O.
 * Adapters use it for extra methods (e.g. llama.cpp `countTokens`).
 *
 * @example
 * const connection = createBackendConnection(settings, dialect);
 * const { data } = await connection.http.json(`${root}/props`);
 */
export function createBackendConnection(
  settings: OpenAICompatibleSettings,
  dialect: Pick<
    OpenAICompatibleDialect,
    'defaultId' | 'displayName' | 'apiKey' | 'headers' | 'classifyError'
  >,
): BackendConnection {
  const id = settings.id ?? dialect.defaultId;
  const defaultEnv = dialect.apiKey?.defaultEnv;
  const apiKeyHint = apiKeySourceHint(settings, defaultEnv);
  const apiKey = () => resolveApiKey(settings, defaultEnv);

  function prepare(callHeaders?: Readonly<Record<string, string>>, options: { keyOptional?: boolean } = {}) {
    const key = apiKey();
    if (key === undefined && dialect.apiKey?.required === true && options.keyOptional !== true) {
      throw new BackendCallError({
        message: `${dialect.displayName} needs an API key: ${apiKeyHint}`,
        code: 'unauthorized',
        backend: id,
        phase: 'connect',
      });
    }
    const headers: Record<string, string> = {
      ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
      ...dialect.headers,
      ...settings.headers,
      ...callHeaders,
    };
    const secrets = [
      key,
      ...Object.entries(headers)
        .filter(([name]) => credentialHeaders.has(name.toLowerCase()))
        .flatMap(([, value]) => [value, value.replace(/^\w+\s+/, '')]),
    ];
    const http: HttpContext = {
      backend: id,
      fetch: settings.fetch,
      secrets,
      classifier: dialect.classifyError,
    };
    return { headers, http };
  }

  return {
    id,
    baseUrl: trimTrailingSlashes(settings.baseUrl),
    apiKey,
    apiKeyHint,
    prepare,
    http: {
      async json<T>(url: string, { keyOptional, ...options }: DialectCallOptions = {}) {
        const { headers, http } = prepare(undefined, { keyOptional });
        return callJson<T>({ url, headers, ...options }, http);
      },
      async text(url: string, { keyOptional, ...options }: DialectCallOptions = {}) {
        const { headers, http } = prepare(undefined, { keyOptional });
        return callText({ url, headers, ...options }, http);
      },
    },
  };
}
