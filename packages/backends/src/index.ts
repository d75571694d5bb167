export { type CreateBackendOptions, createBackend } from './create-backend.js';
export { createBackendsFromConfig } from './create-backends-from-config.js';
export { createNodeHttpFetch, type NodeHttpFetchOptions } from './create-node-http-fetch.js';
export {
  type EmbeddedModule,
  type EmbeddedModuleLoader,
  loadEmbeddedModule,
} from './load-embedded-module.js';
