export { createEmbedded, type EmbeddedBackend } from './create-embedded.js';
export type { EmbeddedModelDescription } from './describe-embedded-model.js';
export type { EmbeddedChatTemplate, EmbeddedGpu, EmbeddedSettings } from './embedded-settings.js';
