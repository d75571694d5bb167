export {
  type BackendKindDefaults,
  backendKindDefaults,
  cloudBackendKinds,
  localityOfUrl,
} from './backend-kind-defaults.js';
export { configJsonSchema, configJsonSchemaText } from './config-json-schema.js';
export { type SwitchyardConfigInput, switchyardConfigSchema } from './config-schema.js';
export {
  createRouterFromConfig,
  type RouterFromConfigOptions,
} from './create-router-from-config.js';
export {
  type EnvironmentVariables,
  type InterpolationResult,
  interpolateEnvironment,
} from './interpolate-environment.js';
export { loadConfigFile } from './load-config-file.js';
export { defaultTargetTimeoutMs } from './normalize-config.js';
export { type ParseConfigOptions, parseConfig } from './parse-config.js';
export { type ConfigFormat, parseConfigText } from './parse-config-text.js';
export type * from './switchyard-config.js';
