import { createRouter, type Router, type RouterOptions } from '../engine/create-router.js';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import { createCircuitBreakerHealthTracker } from '../execution/circuit-breaker-health-tracker.js';
import type { ExecutionOptions } from '../execution/execution-options.js';
import type { RoutingPolicyV1 } from '../spec/policy.js';
import type { PolicyFactoryEnvironment, PolicyRegistry } from '../spec/policy-registry.js';
import type { PolicyConfig, SwitchyardConfig } from './switchyard-config.js';

/** Settings of {@link createRouterFromConfig}. */
export type RouterFromConfigOptions = Pick<
  RouterOptions,
  'health' | 'now' | 'random' | 'profiler' | 'requestId' | 'backends' | 'healthTracker' | 'qualityGates'
> & {
  /** Policy factories by config name, e.g. `builtinPolicies` from `@switchyard/policies`. */
  readonly registry: PolicyRegistry;
  /**
   * Policies used when the config lists none, e.g. `defaultPolicyNames` from
   * `@switchyard/policies`. Default: every policy in the registry, in its order.
   */
  readonly defaultPolicyNames?: readonly string[];
  /**
   * Executor settings. The config's `retry` and `validation` sections fill in retries, backoff
   * and validation; fields given here win (a `backoff` or `validation` object replaces the
   * config's whole section).
   */
  readonly execution?: ExecutionOptions;
};

/**
 * Builds the router a config describes: its targets, its policies (built from the registry with
 * their options, in the config's order) and `router.maxFallbacks`. With `backends` (adapters by
 * backend id) it can also execute: retries and validation follow the config's `retry` and
 * `validation` sections, and the circuit breaker `health.failureThreshold` and
 * `health.cooldownMs`. Throws
 * {@link InvalidConfigError} naming `policies[i]` for an unknown policy (listing the known names)
 * or for options the policy rejects.
 *
 * @example
 * import { builtinPolicies, defaultPolicyNames } from '@switchyard/policies';
 * const config = await loadConfigFile('switchyard.yaml');
 * const router = createRouterFromConfig(config, { registry: builtinPolicies, defaultPolicyNames });
 * router.route(parseChatRequest(body));
 */
export function createRouterFromConfig(config: SwitchyardConfig, options: RouterFromConfigOptions): Router {
  const listed = config.policies !== undefined;
  const entries: readonly PolicyConfig[] =
    config.policies ??
    (options.defaultPolicyNames ?? Object.keys(options.registry)).map((name) => ({
      name,
      options: undefined,
    }));

  const issues: string[] = [];
  const policies: RoutingPolicyV1[] = [];
  const environment: PolicyFactoryEnvironment = {
    targets: config.targets,
    routingTable: config.routingTable,
    ...definedOnly({ baseDirectory: config.baseDirectory }),
  };
  entries.forEach((entry, index) => {
    const where = listed ? `policies[${index}]` : `policies (default list, item ${index})`;
    const factory = Object.hasOwn(options.registry, entry.name) ? options.registry[entry.name] : undefined;
    if (factory === undefined) {
      const known = Object.keys(options.registry).join(', ') || '(none)';
      issues.push(`${where}: unknown policy ${JSON.stringify(entry.name)}; known policies: ${known}`);
      return;
    }
    try {
      policies.push(factory(entry.options, environment));
    } catch (error) {
      issues.push(...policyOptionIssues(error, where, entry.name));
    }
  });
  if (issues.length > 0) {
    const label = config.source === undefined ? 'invalid config' : `invalid config ${config.source}`;
    throw new InvalidConfigError({
      message: `${label}: ${issues.join('; ')}`,
      issues,
      source: config.source,
    });
  }

  const healthTracker =
    options.healthTracker ??
    (options.backends === undefined
      ? undefined
      : createCircuitBreakerHealthTracker({
          failureThreshold: config.health.failureThreshold,
          cooldownMs: config.health.cooldownMs,
          ...definedOnly({ now: options.now }),
        }));
  return createRouter({
    targets: config.targets,
    policies,
    maxFallbacks: config.router.maxFallbacks,
    execution: executionOptionsOf(config, options.execution),
    ...definedOnly({
      health: options.health,
      now: options.now,
      random: options.random,
      profiler: options.profiler,
      requestId: options.requestId,
      backends: options.backends,
      healthTracker,
      qualityGates: options.qualityGates,
    }),
  });
}

/** The executor settings of the config's `retry` and `validation` sections, overridden by `overrides`. */
function executionOptionsOf(
  config: SwitchyardConfig,
  overrides: ExecutionOptions | undefined,
): ExecutionOptions {
  return {
    maxAttemptsPerTarget: config.retry.maxAttempts,
    backoff: config.retry.backoff,
    maxRetryAfterMs: config.retry.maxRetryAfterMs,
    validation: config.validation,
    ...overrides,
  };
}

/**
 * A factory's complaint as config issues. Issues that start with the `options` path become
 * `policies[2].options.maxTools: …`; anything else is prefixed with the policy's place and name.
 */
function policyOptionIssues(error: unknown, where: string, name: string): string[] {
  const lines = InvalidConfigError.isInstance(error)
    ? error.issues.length > 0
      ? error.issues
      : [error.message]
    : [error instanceof Error ? error.message : String(error)];
  return lines.map((line) =>
    /^options[.[:]/.test(line) ? `${where}.${line}` : `${where} (${name}): invalid options: ${line}`,
  );
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}
