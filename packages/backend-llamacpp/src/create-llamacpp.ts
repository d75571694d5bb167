import {
  createBackendConnection,
  createOpenAICompatibleBackend,
  type OpenAICompatibleBackend,
  type OpenAICompatibleDialect,
  serverRootUrl,
} from '@switchyard/backend-kit';
import type { BackendDescription } from '@switchyard/core';
import { countLlamaCppTokens } from './llamacpp-count-tokens.js';
import { describeLlamaCpp, type LlamaCppModelDescription } from './llamacpp-describe.js';
import { classifyLlamaCppError } from './llamacpp-error.js';
import { probeLlamaCpp } from './llamacpp-probe.js';
import { prepareLlamaCppBody } from './llamacpp-request-body.js';
import { defaultLlamaCppBaseUrl, type LlamaCppSettings } from './llamacpp-settings.js';

/** The served model(s), with slots, trained context and file type besides the common fields. */
export type LlamaCppDescription = BackendDescription & {
  readonly models: readonly LlamaCppModelDescription[];
};

/** A llama-server backend, plus exact token counting with the server's tokenizer. */
export type LlamaCppBackend = OpenAICompatibleBackend<LlamaCppDescription> & {
  /** Counts the tokens of `text` with `POST /tokenize`. */
  countTokens(text: string, options?: { signal?: AbortSignal }): Promise<number>;
};

/**
 * Creates an adapter for llama.cpp's `llama-server` (OpenAI-compatible chat at
 * `/v1/chat/completions`). Structured output uses the nested `response_format.json_schema` form
 * the server enforces; `timings` (ms) become the call timing; the shared-KV overflow
 * (`Context size has been exceeded.`, HTTP 500 or in-stream) is `overloaded` and retryable.
 * Construction does no I/O.
 *
 * @example
 * const llama = createLlamaCpp({ baseUrl: 'http://127.0.0.1:8080' });
 * const { status } = await llama.probe();
 * const { completion } = await llama.doGenerate({ request, model: 'qwen2.5-7b-instruct-q4_k_m' });
 */
export function createLlamaCpp(settings: LlamaCppSettings = {}): LlamaCppBackend {
  const root = serverRootUrl(settings.baseUrl ?? defaultLlamaCppBaseUrl);
  const dialect: OpenAICompatibleDialect<LlamaCppDescription> = {
    kind: 'llamacpp',
    displayName: 'llama-server',
    defaultId: 'llamacpp',
    // Honoured by every build; `max_completion_tokens` was ignored before Feb 2026.
    maxTokensField: 'max_tokens',
    developerRoleAsSystem: true,
    prepareBody: prepareLlamaCppBody,
    classifyError: classifyLlamaCppError,
    describe: (context, options) => describeLlamaCpp(context, root, options),
    probe: (context, options) => probeLlamaCpp(context, root, options),
  };
  const apiSettings = { ...settings, baseUrl: `${root}/v1` };
  const backend = createOpenAICompatibleBackend(apiSettings, dialect);
  const connection = createBackendConnection(apiSettings, dialect);
  return {
    ...backend,
    countTokens: (text, options) => countLlamaCppTokens(connection, root, text, options),
  };
}
