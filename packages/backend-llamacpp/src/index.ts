export { createLlamaCpp, type LlamaCppBackend, type LlamaCppDescription } from './create-llamacpp.js';
export { countLlamaCppTokens } from './llamacpp-count-tokens.js';
export {
  describeLlamaCpp,
  formatParameterCount,
  type LlamaCppModelDescription,
} from './llamacpp-describe.js';
export { classifyLlamaCppError } from './llamacpp-error.js';
export { probeLlamaCpp } from './llamacpp-probe.js';
export { quantizationFromFileName, quantizationFromFtype } from './llamacpp-quantization.js';
export { prepareLlamaCppBody } from './llamacpp-request-body.js';
export { defaultLlamaCppBaseUrl, type LlamaCppSettings } from './llamacpp-settings.js';
