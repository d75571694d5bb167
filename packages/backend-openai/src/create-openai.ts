import { createOpenAICompatibleBackend, type OpenAICompatibleBackend } from '@switchyard/backend-kit';
import { describeModelsEndpoint } from './openai-describe.js';
import { probeModelsEndpoint } from './openai-probe.js';
import { prepareOpenAIBody } from './openai-request-body.js';
import { defaultOpenAIBaseUrl, type OpenAISettings } from './openai-settings.js';

/**
 * Creates an adapter for the OpenAI Chat Completions API. Sends `max_completion_tokens` (reasoning
 * models reject `max_tokens`), strict `json_schema` structured output, and always requests streamed
 * usage. The key is read at call time from `apiKey` or `OPENAI_API_KEY`; construction does no I/O
 * and does not fail without one. `probe()` is a free `GET /models`, never a billed call.
 *
 * @example
 * const openai = createOpenAI();
 * const { completion, usage } = await openai.doGenerate({ request, model: 'gpt-4o-mini' });
 */
export function createOpenAI(settings: OpenAISettings = {}): OpenAICompatibleBackend {
  const headers: Record<string, string> = {
    ...(settings.organization === undefined ? {} : { 'OpenAI-Organization': settings.organization }),
    ...(settings.project === undefined ? {} : { 'OpenAI-Project': settings.project }),
  };
  return createOpenAICompatibleBackend(
    { ...settings, baseUrl: settings.baseUrl ?? defaultOpenAIBaseUrl },
    {
      kind: 'openai',
      displayName: 'OpenAI',
      defaultId: 'openai',
      maxTokensField: 'max_completion_tokens',
      apiKey: { required: true, defaultEnv: 'OPENAI_API_KEY' },
      headers,
      prepareBody: prepareOpenAIBody,
      describe: (context, options) => describeModelsEndpoint(context, 'openai', options),
      probe: (context, options) => probeModelsEndpoint(context, options),
    },
  );
}
