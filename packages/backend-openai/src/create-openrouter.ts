import {
  createOpenAICompatibleBackend,
  type DialectContext,
  type OpenAICompatibleBackend,
} from '@switchyard/backend-kit';
import type { BackendDescription } from '@switchyard/core';
import { probeModelsEndpoint } from './openai-probe.js';
import { describeOpenRouter, type OpenRouterModelDescription } from './openrouter-describe.js';
import { classifyOpenRouterError } from './openrouter-error.js';
import { openRouterBodyPreparer } from './openrouter-request-body.js';
import { defaultOpenRouterBaseUrl, type OpenRouterSettings } from './openrouter-settings.js';

/** An OpenRouter backend; `describe()` returns the catalog with prices in USD per million tokens. */
export type OpenRouterBackend = OpenAICompatibleBackend<
  BackendDescription & { readonly models: readonly OpenRouterModelDescription[] }
>;

/**
 * Creates an adapter for OpenRouter. Adds the configured `models` fallback list and `provider`
 * preferences (with `require_parameters` when `response_format`/`tools` are used), attribution
 * headers, and reports `usage.cost` as `providerCostUsd`. SSE keep-alive comments
 * (`: OPENROUTER PROCESSING`) are skipped; errors after HTTP 200 arrive in-stream and are thrown
 * as stream errors. `probe()` checks the key with the free `GET /key`.
 *
 * @example
 * const openrouter = createOpenRouter({
 *   provider: { data_collection: 'deny', quantizations: ['fp8', 'bf16'] },
 *   models: ['qwen/qwen-2.5-72b-instruct'],
 *   appName: 'my-app',
 * });
 */
export function createOpenRouter(settings: OpenRouterSettings = {}): OpenRouterBackend {
  const headers: Record<string, string> = {
    ...(settings.appUrl === undefined ? {} : { 'HTTP-Referer': settings.appUrl }),
    ...(settings.appName === undefined ? {} : { 'X-Title': settings.appName }),
  };
  return createOpenAICompatibleBackend(
    { ...settings, baseUrl: settings.baseUrl ?? defaultOpenRouterBaseUrl },
    {
      kind: 'openrouter',
      displayName: 'OpenRouter',
      defaultId: 'openrouter',
      maxTokensField: 'max_tokens',
      apiKey: { required: true, defaultEnv: 'OPENROUTER_API_KEY' },
      headers,
      prepareBody: openRouterBodyPreparer(settings),
      classifyError: classifyOpenRouterError,
      describe: (context, options) => describeOpenRouter(context, options),
      probe: (context: DialectContext, options) => probeModelsEndpoint(context, { ...options, path: '/key' }),
    },
  );
}
