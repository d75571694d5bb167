import { createAnthropic } from '@switchyard/backend-anthropic';
import type { FetchFunction } from '@switchyard/backend-kit';
import { createLlamaCpp } from '@switchyard/backend-llamacpp';
import { createOllama } from '@switchyard/backend-ollama';
import { createOpenAI, createOpenAICompatible, createOpenRouter } from '@switchyard/backend-openai';
import { createTgi } from '@switchyard/backend-tgi';
import { createVllm } from '@switchyard/backend-vllm';
import { type BackendConfig, type BackendV1, InvalidConfigError } from '@switchyard/core';
import { type EmbeddedModuleLoader, loadEmbeddedModule } from './load-embedded-module.js';

/** Settings of {@link createBackend} and `createBackendsFromConfig`. */
export type CreateBackendOptions = {
  /** The fetch every HTTP adapter uses (tests inject one). Default: `globalThis.fetch`. */
  readonly fetch?: FetchFunction;
  /**
   * Loads `@switchyard/backend-embedded` (default: a dynamic `import()`, made only when an
   * `embedded` backend is configured). Tests inject one.
   */
  readonly loadEmbedded?: EmbeddedModuleLoader;
};

/**
 * Builds the adapter a config's backend entry describes: its kind picks the adapter package, and
 * the entry's `baseUrl`, `apiKey`/`apiKeyEnv` (read by the adapter when a call is made, never
 * here), `headers` and adapter `options` are passed on. Construction does no network I/O. The
 * `embedded` kind loads `@switchyard/backend-embedded` (and node-llama-cpp) with a dynamic import
 * only when such a backend is configured; when that package is not installed it throws an
 * {@link InvalidConfigError} saying how to install it.
 *
 * @example
 * const config = await loadConfigFile('switchyard.yaml');
 * const ollama = await createBackend(config.backends[0]);
 * const { models } = await ollama.describe();
 */
export async function createBackend(
  config: BackendConfig,
  options: CreateBackendOptions = {},
): Promise<BackendV1> {
  if (config.kind === 'embedded') return createEmbeddedBackend(config, options);
  // Adapter-specific options first, so the connection fields below always win.
  const settings = {
    ...config.options,
    id: config.id,
    ...(config.baseUrl === undefined ? {} : { baseUrl: config.baseUrl }),
    ...(config.apiKey === undefined ? {} : { apiKey: config.apiKey }),
    ...(config.apiKeyEnv === undefined ? {} : { apiKeyEnv: config.apiKeyEnv }),
    ...(Object.keys(config.headers).length === 0 ? {} : { headers: config.headers }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  };
  switch (config.kind) {
    case 'openai':
      return createOpenAI(settings);
    case 'openrouter':
      return createOpenRouter(settings);
    case 'openai-compatible':
      return createOpenAICompatible({ ...settings, baseUrl: requireBaseUrl(config) });
    case 'vllm':
      return createVllm(settings);
    case 'tgi':
      return createTgi(settings);
    case 'llamacpp':
      return createLlamaCpp(settings);
    case 'ollama':
      return createOllama(settings);
    case 'anthropic':
      return createAnthropic(settings);
  }
}

async function createEmbeddedBackend(
  config: BackendConfig,
  options: CreateBackendOptions,
): Promise<BackendV1> {
  if (config.modelPath === undefined) {
    const issue = `backends.${config.id}.modelPath: required field is missing (the GGUF file to run)`;
    throw new InvalidConfigError({ message: `invalid config: ${issue}`, issues: [issue] });
  }
  const module = await (options.loadEmbedded ?? loadEmbeddedModule)(config.id);
  return module.createEmbedded({ ...config.options, id: config.id, modelPath: config.modelPath });
}

function requireBaseUrl(config: BackendConfig): string {
  if (config.baseUrl !== undefined) return config.baseUrl;
  const issue = `backends.${config.id}.baseUrl: required field is missing (the server's /v1 URL)`;
  throw new InvalidConfigError({ message: `invalid config: ${issue}`, issues: [issue] });
}
