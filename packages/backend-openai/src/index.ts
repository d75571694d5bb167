export { createOpenAI } from './create-openai.js';
export { createOpenAICompatible } from './create-openai-compatible.js';
export { createOpenRouter, type OpenRouterBackend } from './create-openrouter.js';
export type { GenericOpenAICompatibleSettings } from './openai-compatible-settings.js';
export { describeModelsEndpoint } from './openai-describe.js';
export { probeModelsEndpoint } from './openai-probe.js';
export { prepareOpenAIBody } from './openai-request-body.js';
export { defaultOpenAIBaseUrl, type OpenAISettings } from './openai-settings.js';
export { describeOpenRouter, type OpenRouterModelDescription } from './openrouter-describe.js';
export { classifyOpenRouterError } from './openrouter-error.js';
export { openRouterBodyPreparer } from './openrouter-request-body.js';
export {
  defaultOpenRouterBaseUrl,
  type OpenRouterProviderPreferences,
  type OpenRouterQuantization,
  type OpenRouterSettings,
} from './openrouter-settings.js';
