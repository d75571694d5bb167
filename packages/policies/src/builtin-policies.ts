import type { PolicyRegistry } from '@switchyard/core';
import { contextFitPolicy } from './context-fit/context-fit-policy.js';
import { costPolicy } from './cost/cost-policy.js';
import { healthPolicy } from './health/health-policy.js';
import {
  type LearnedScorerEnvironment,
  learnedScorerPolicy,
} from './learned-scorer/learned-scorer-policy.js';
import { loadBalancePolicy } from './load-balance/load-balance-policy.js';
import { modalityPolicy } from './modality/modality-policy.js';
import { parsePolicyOptions } from './parse-policy-options.js';
import { privacyPolicy } from './privacy/privacy-policy.js';
import { quantizationPolicy } from './quantization/quantization-policy.js';
import { routingTableConfigOptionsSchema } from './routing-table/routing-table-options.js';
import { routingTablePolicy } from './routing-table/routing-table-policy.js';
import { structuredOutputPolicy } from './structured-output/structured-output-policy.js';
import { tieringPolicy } from './tiering/tiering-policy.js';
import { toolDepthPolicy } from './tool-depth/tool-depth-policy.js';

/**
 * The built-in policies by config name. Each factory validates its options with the policy's zod
 * schema (defaults filled in; unknown keys rejected) and throws `InvalidConfigError` whose issues
 * name the bad option (`options.maxTools: Invalid input: expected number, received string`).
 * `routing-table` takes its table and the target list from the factory environment (the config's
 * `routes` and `targets`). `learned-scorer` is not in the default list: add it (after `tiering`)
 * with the weights a `switchyard bench tune` run wrote.
 *
 * @example
 * const policy = builtinPolicies['context-fit']?.({ maxLocalContextTokens: 16_000 }, { targets, routingTable });
 */
export const builtinPolicies: PolicyRegistry = Object.freeze({
  'routing-table': (options, environment) =>
    routingTablePolicy({
      ...parsePolicyOptions('routing-table', routingTableConfigOptionsSchema, options),
      routingTable: environment.routingTable,
      targets: environment.targets,
    }),
  privacy: (options) => privacyPolicy(options as never),
  modality: (options) => modalityPolicy(options as never),
  'context-fit': (options) => contextFitPolicy(options as never),
  'tool-depth': (options) => toolDepthPolicy(options as never),
  'structured-output': (options) => structuredOutputPolicy(options as never),
  health: (options) => healthPolicy(options as never),
  quantization: (options) => quantizationPolicy(options as never),
  cost: (options) => costPolicy(options as never),
  tiering: (options) => tieringPolicy(options as never),
  'load-balance': (options) => loadBalancePolicy(options as never),
  // A `baseDirectory` in the environment (the config file's folder) resolves a relative weightsPath.
  'learned-scorer': (options, environment) =>
    learnedScorerPolicy(options as never, environment as LearnedScorerEnvironment),
});
