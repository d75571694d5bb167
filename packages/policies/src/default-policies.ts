import type { PolicyFactoryEnvironment, RoutingPolicyV1 } from '@switchyard/core';
import { builtinPolicies } from './builtin-policies.js';

/**
 * The recommended policy order. Why this order:
 *
 * 1. `routing-table` first: an explicit model name (alias, premium name, target) decides the
 *    route outright; everything after it can only filter, so hard limits still hold at every hop.
 * 2. Hard limits next — `privacy`, `modality`, `context-fit`, `tool-depth`, `structured-output`,
 *    `health`: each removes targets that cannot serve the request (a local-only request never
 *    reaches cloud, even as the cloud fallback of an alias). The engine never adds back what a
 *    policy removed. Cheap, decisive filters come first so later policies see fewer candidates.
 * 3. Soft ranking last — `cost`, `quantization`, `tiering`: each sorts stably, so the LAST ranking
 *    policy is the primary key and earlier ones break its ties. `tiering` last makes the tier the
 *    primary key; within a tier `quantization` puts the right quantization first among local
 *    targets (Q8_0 where precision matters, Q4_K_M for routine work — and drops local targets over
 *    a memory budget); `cost` orders what is left equal (cheapest first). `structured-output` and
 *    `health` also rank (native first, degraded last), as the weakest tie-breakers.
 *
 * `load-balance` is not in the default list; add it after `tiering` to spread load over
 * interchangeable targets.
 *
 * @example
 * const policies = defaultPolicyNames.map((name) => builtinPolicies[name]!(undefined, environment));
 */
export const defaultPolicyNames = [
  'routing-table',
  'privacy',
  'modality',
  'context-fit',
  'tool-depth',
  'structured-output',
  'health',
  'cost',
  'quantization',
  'tiering',
] as const;

/** A policy name from {@link defaultPolicyNames}. */
export type DefaultPolicyName = (typeof defaultPolicyNames)[number];

/**
 * Builds the default policies in the recommended order ({@link defaultPolicyNames}), each with
 * its options from `options` (keyed by policy name; missing = defaults). Throws
 * `InvalidConfigError` naming the bad option.
 *
 * @example
 * const router = createRouter({
 *   targets,
 *   policies: defaultPolicies({ targets, routingTable }, { quantization: { memoryBudgetGb: 48 } }),
 * });
 */
export function defaultPolicies(
  environment: PolicyFactoryEnvironment,
  options: Partial<Record<DefaultPolicyName, unknown>> = {},
): RoutingPolicyV1[] {
  return defaultPolicyNames.map((name) => {
    const factory = builtinPolicies[name];
    if (factory === undefined) throw new Error(`built-in policy '${name}' is missing`);
    return factory(options[name], environment);
  });
}
