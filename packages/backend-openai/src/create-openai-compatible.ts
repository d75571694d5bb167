import {
  createOpenAICompatibleBackend,
  joinUrl,
  type OpenAICompatibleBackend,
  runProbe,
} from '@switchyard/backend-kit';
import type { GenericOpenAICompatibleSettings } from './openai-compatible-settings.js';
import { describeModelsEndpoint } from './openai-describe.js';

/**
 * Creates an adapter for any OpenAI-compatible server (LM Studio, LocalAI, SGLang, a gateway…):
 * `baseUrl` is the API base including `/v1`. Requests go through the shared base unchanged
 * (`response_format` passed as given); `describe()` reads `GET /models` and picks up whatever
 * context-window field the server adds; `probe()` calls `GET /models`.
 *
 * @example
 * const lmStudio = createOpenAICompatible({ id: 'lm-studio', baseUrl: 'http://127.0.0.1:1234/v1' });
 */
export function createOpenAICompatible(settings: GenericOpenAICompatibleSettings): OpenAICompatibleBackend {
  return createOpenAICompatibleBackend(settings, {
    kind: 'openai-compatible',
    displayName: settings.id ?? 'OpenAI-compatible server',
    defaultId: 'openai-compatible',
    maxTokensField: settings.maxTokensField ?? 'max_tokens',
    developerRoleAsSystem: settings.developerRoleAsSystem ?? false,
    apiKey: { required: settings.requireApiKey ?? false },
    describe: (context, options) => describeModelsEndpoint(context, 'openai-compatible', options),
    probe: (context, options) =>
      runProbe(async () => {
        await context.http.json(joinUrl(context.baseUrl, '/models'), { signal: options?.signal });
        return { status: 'up' };
      }),
  });
}
