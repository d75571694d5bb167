import { fileURLToPath } from 'node:url';
import {
  createRouter,
  createRouterFromConfig,
  loadConfigFile,
  type Router,
  type RouterOptions,
  type Target,
} from '@switchyard/core';
import { builtinPolicies } from '@switchyard/policies';

/** Settings passed through to the router (ids, clock, random source). */
export type HybridRouterOptions = Pick<RouterOptions, 'requestId' | 'now' | 'random'>;

/** The example config the decision benchmark routes with. */
export const hybridConfigPath = fileURLToPath(new URL('../../../examples/hybrid.yaml', import.meta.url));

/**
 * The router of `examples/hybrid.yaml`, loaded as a user would load it (`loadConfigFile` +
 * `createRouterFromConfig` with the built-in policies): seven targets (three local, four cloud),
 * its routing table and ten policies. The file's `${VAR:-default}` addresses take their
 * defaults; no key is needed, since routing makes no call.
 *
 * @example
 * const router = await createHybridRouter();
 * router.route(buildReferenceRequest()).target; // 'openrouter-qwen2.5-72b' (12 tools > 8 leave local)
 */
export async function createHybridRouter(options: HybridRouterOptions = {}): Promise<Router> {
  const config = await loadConfigFile(hybridConfigPath, { env: {} });
  return createRouterFromConfig(config, { registry: builtinPolicies, ...options });
}

/**
 * The benchmark's baseline: the same targets and engine with no policies, so every request goes
 * to the first target. Its cost is the engine's fixed share (profiling, decision record).
 *
 * @example
 * createTrivialRouter(router.targets).route(request).target; // the first target
 */
export function createTrivialRouter(targets: readonly Target[], options: HybridRouterOptions = {}): Router {
  return createRouter({ targets, policies: [], ...options });
}
