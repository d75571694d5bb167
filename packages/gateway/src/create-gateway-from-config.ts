import { resolve } from 'node:path';
import {
  type CreateBackendOptions,
  createBackendsFromConfig,
  createNodeHttpFetch,
} from '@switchyard/backends';
import {
  type BackendV1,
  createJsonlFileSink,
  createMeter,
  createRouterFromConfig,
  type Meter,
  type MeteringSink,
  type PolicyRegistry,
  type Router,
  type RouterFromConfigOptions,
  type SwitchyardConfig,
} from '@switchyard/core';
import { builtinPolicies, defaultPolicyNames } from '@switchyard/policies';
import { createGateway, type Gateway, type GatewayOptions } from './create-gateway.js';

/** Settings of {@link createGatewayFromConfig}: the gateway's own, plus how to build the router. */
export type GatewayFromConfigOptions = Omit<GatewayOptions, 'router' | 'config' | 'backends' | 'meter'> & {
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
  /**
   * The call ledger (core's `createMeter`, one line per request). Default: as the config's
   * `metering` section says — on unless `metering.enabled: false`, one JSONL line per request
   * appended to `metering.ledgerPath`. `false`: no ledger. An object turns it on whatever the
   * config says: `{ ledgerPath }` writes that file instead, `{ sinks }` writes to those sinks
   * instead of a file.
   */
  readonly metering?: false | MeteringOverride;
};

/** How {@link GatewayFromConfigOptions.metering} replaces the config's ledger. */
export type MeteringOverride = {
  /** The JSONL ledger file (relative to the working directory). */
  readonly ledgerPath?: string;
  /** Sinks to write instead of the JSONL file. */
  readonly sinks?: readonly MeteringSink[];
};

/** A gateway built from a config, with the router and adapters it runs on. */
export type GatewayFromConfig = {
  readonly gateway: Gateway;
  readonly router: Router;
  readonly backends: Readonly<Record<string, BackendV1>>;
  /** The meter writing the ledger, when metering is on. */
  readonly meter: Meter | undefined;
  /** The absolute path of the JSONL ledger, when the meter writes one. */
  readonly ledgerPath: string | undefined;
  /**
   * Closes the gateway gracefully (in-flight requests finish, the ledger is flushed), then every
   * adapter (unloading an embedded model).
   */
  close(): Promise<void>;
};

/**
 * Builds everything a config describes — adapters, router (policies, retries, circuit breakers),
 * the meter writing the ledger, health checks and gateway — without listening yet. Throws an
 * `InvalidConfigError` when the metering baseline is unusable.
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
  let ledger: ReturnType<typeof meterOf>;
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
      metering: _metering,
      ...gatewayOptions
    } = options;
    ledger = meterOf(router, config, options.metering);
    const gateway = createGateway({
      ...gatewayOptions,
      router,
      config,
      backends,
      ...(ledger === undefined ? {} : { meter: ledger.meter }),
    });
    return {
      gateway,
      router,
      backends,
      meter: ledger?.meter,
      ledgerPath: ledger?.path,
      async close() {
        await gateway.close();
        await closeBackends(backends);
      },
    };
  } catch (error) {
    await ledger?.meter.close().catch(() => {});
    await closeBackends(backends);
    throw error;
  }
}

/** The meter the config (or the override) asks for, with its ledger file. */
function meterOf(
  router: Router,
  config: SwitchyardConfig,
  override: GatewayFromConfigOptions['metering'],
): { meter: Meter; path: string | undefined } | undefined {
  if (override === false || (override === undefined && !config.metering.enabled)) return undefined;
  const path =
    override?.sinks !== undefined ? undefined : resolve(override?.ledgerPath ?? config.metering.ledgerPath);
  const sinks = override?.sinks ?? [createJsonlFileSink({ path: path as string })];
  const baseline = config.metering.baselinePrice ?? config.metering.baselineTarget;
  const meter = createMeter({ router, sinks, ...(baseline === undefined ? {} : { baseline }) });
  return { meter, path };
}

async function closeBackends(backends: Readonly<Record<string, BackendV1>>): Promise<void> {
  await Promise.allSettled(Object.values(backends).map((backend) => backend.close?.()));
}
