import type { RoutingPolicyV1 } from './policy.js';
import type { Target } from './target.js';

/** One hop of a routing-table entry: a target, optionally asked for a different model name. */
export type RouteTableHop = {
  /** Target id. */
  readonly target: string;
  /** Model name to send instead of the target's own (e.g. the OpenRouter name of the same model). */
  readonly model?: string;
  /** Timeout for this hop, in ms. */
  readonly timeoutMs?: number;
};

/** A model-name alias: `local/qwen2.5-14b` → a primary hop and ordered fallback hops. */
export type RouteAlias = {
  readonly alias: string;
  readonly primary: RouteTableHop;
  readonly fallbacks: readonly RouteTableHop[];
};

/**
 * The model-name routing table. `premium` lists names (exact, or with a trailing `*` as a prefix
 * wildcard: `anthropic/*`, `claude-*`) that go straight to cloud targets and never to local ones.
 */
export type RoutingTable = {
  readonly aliases: readonly RouteAlias[];
  readonly premium: readonly string[];
};

/** What a policy factory gets besides its options. */
export type PolicyFactoryEnvironment = {
  readonly targets: readonly Target[];
  readonly routingTable: RoutingTable;
  /** Folder that relative paths in policy options resolve against (the config file's folder). */
  readonly baseDirectory?: string;
};

/**
 * Builds a policy from its config options. It validates `options` itself and throws an error
 * whose message names the bad option.
 */
export type PolicyFactory = (options: unknown, environment: PolicyFactoryEnvironment) => RoutingPolicyV1;

/** Policy factories by config name (`privacy`, `context-fit`, …). */
export type PolicyRegistry = Readonly<Record<string, PolicyFactory>>;
