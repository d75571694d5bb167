import type { BackendV1, SwitchyardConfig } from '@switchyard/core';
import { type CreateBackendOptions, createBackend } from './create-backend.js';

/**
 * Builds an adapter for every backend of a config, keyed by backend id — what
 * `createRouterFromConfig(config, { backends })` needs to execute requests. The embedded backend's
 * package is imported only when the config has one. No network I/O; keys are read per call.
 *
 * @example
 * const config = await loadConfigFile('switchyard.yaml');
 * const backends = await createBackendsFromConfig(config);
 * const router = createRouterFromConfig(config, { registry: builtinPolicies, defaultPolicyNames, backends });
 * const { completion } = await router.generate(request);
 */
export async function createBackendsFromConfig(
  config: Pick<SwitchyardConfig, 'backends'>,
  options: CreateBackendOptions = {},
): Promise<Record<string, BackendV1>> {
  const entries = await Promise.all(
    config.backends.map(async (backend) => [backend.id, await createBackend(backend, options)] as const),
  );
  return Object.fromEntries(entries);
}
