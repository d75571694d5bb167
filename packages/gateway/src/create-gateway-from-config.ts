import {
  type CreateBackendOptions,
  createBackendsFromConfig,
  createNodeHttpFetch,
} from '@switchyard/backends';
import {
  type BackendV1,
  createRouterFromConfig,
  type PolicyRegistry,
  type Router,
  type RouterFromConfigOptions,
  type SwitchyardConfig,
} from '@switchyard/core';
import { builtinPolicies, defaultPolicyNames } from '@switchyard/policies';
import { createGateway, type Gateway, type GatewayOptions } from './create-gateway.js';

/** Settings of {@link createGatewayFromConfig}: the gateway's own, plus how to build the router. */
export type GatewayFromConfigOptions = Omit<GatewayOptions, 'router' | 'config' | 'backends'> & {
  /** Policy factories by config name (default: the built-in policies). */
  readonly registry?: PolicyRegistry;
  /** Policies used when the config lists none (default: the built-in default list). */
  readonly defaultPolicyNames?: readonly string[];
  /** Executor settings overriding the config's `retry` and `validation` sections. */
  readonly execution?: RouterFromConfigOptions['execution'];
  /**
   * Settings for building the adapters. Default `fetch`: `createNodeHttpFetch()` (keep-alive
   * `node:http`, much cheaper per call than Node's built-in fetch); pass one to replace it.
   */
  readonly backendOptions?: CreateBackendOptions;
};

/** A gateway built from a config, with the router and adapters it runs on. */
export type GatewayFromConfig = {
  readonly gateway: Gateway;
  readonly router: Router;
  readonly backends: Readonly<Record<string, BackendV1>>;
  /** Closes the gateway gracefully, then every adapter (unloading an embedded model). */
  close(): Promise<void>;
};

/**
 * Builds everything a config describes — adapters, router (policies, retries, circuit breakers)
 * and gateway — without listening yet.
 *
 * @example
 * const config = await loadConfigFile('switchyard.yaml');
 * const { gateway, close } = await createGatewayFromConfig(config);
 * const { url } = await gateway.listen(4000);
 * process.once('SIGTERM', () => void close());
 */
export async function createGatewayFromConfig(
  config: SwitchyardConfig,
  options: GatewayFromConfigOptions = {},
): Promise<GatewayFromConfig> {
  const backends = await createBackendsFromConfig(config, {
    fetch: createNodeHttpFetch(),
    ...options.backendOptions,
  });
  try {
    const router = createRouterFromConfig(config, {
      registry: options.registry ?? builtinPolicies,
      defaultPolicyNames: options.defaultPolicyNames ?? defaultPolicyNames,
      backends,
      ...(options.execution === undefined ? {} : { execution: options.execution }),
    });
    const {
      registry: _registry,
      defaultPolicyNames: _names,
      execution: _execution,
      backendOptions: _backendOptions,
      ...gatewayOptions
    } = options;
    const gateway = createGateway({ ...gatewayOptions, router, config, backends });
    return {
      gateway,
      router,
      backends,
      async close() {
        await gateway.close();
        await closeBackends(backends);
      },
    };
  } catch (error) {
    await closeBackends(backends);
    throw error;
  }
}

async function closeBackends(backends: Readonly<Record<string, BackendV1>>): Promise<void> {
  await Promise.allSettled(Object.values(backends).map((backend) => backend.close?.()));
}
