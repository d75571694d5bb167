import type { RoutingTable } from '../spec/policy-registry.js';
import type { BackendKind, Locality, Target, TargetPrice } from '../spec/target.js';

/**
 * One server connection, normalised: defaults applied (base URL and key variable per kind,
 * locality). Secrets stay here and never reach a `Target`, a decision or an error message.
 */
export type BackendConfig = {
  /** The key under `backends:` in the config file. */
  readonly id: string;
  readonly kind: BackendKind;
  /** Server root (local kinds) or API base (cloud kinds); absent only for `embedded`. */
  readonly baseUrl?: string;
  /** Literal key (after `${VAR}` interpolation). Prefer `apiKeyEnv`. */
  readonly apiKey?: string;
  /** Name of the environment variable that holds the key, read by the adapter at call time. */
  readonly apiKeyEnv?: string;
  /** Extra headers sent with every call. */
  readonly headers: Readonly<Record<string, string>>;
  /** Default total timeout of this backend's targets, in ms. */
  readonly timeoutMs?: number;
  /** GGUF file of an `embedded` backend, resolved against the config file's folder. */
  readonly modelPath?: string;
  /** Where this backend's targets run unless a target says otherwise. */
  readonly locality: Locality;
  /** Adapter-specific settings, passed through unchanged. */
  readonly options: Readonly<Record<string, unknown>>;
};

/** A policy as the config lists it: a name from the registry and its options. */
export type PolicyConfig = {
  readonly name: string;
  /** Options given to the policy factory; `undefined` when the config gives none. */
  readonly options: Readonly<Record<string, unknown>> | undefined;
};

/** Health checking and circuit breaking of targets. */
export type HealthConfig = {
  readonly enabled: boolean;
  /** Time between checks of one backend, in ms. */
  readonly intervalMs: number;
  /** Timeout of one check, in ms. */
  readonly timeoutMs: number;
  /** Extra attempts of a failed check before it counts as a failure. */
  readonly retries: number;
  /** Consecutive failures (checks or calls) that open the circuit. */
  readonly failureThreshold: number;
  /** How long an open circuit stays open before a trial request, in ms. */
  readonly cooldownMs: number;
  /** Load the models of local targets at start, where the backend supports it. */
  readonly warmUp: boolean;
  /** Longest wait for one model to load at start, in ms. */
  readonly warmUpTimeoutMs: number;
};

/** Retries of a failed call on the same target, before failing over. */
export type RetryConfig = {
  /** Attempts per target, the first one included. */
  readonly maxAttempts: number;
  readonly backoff: {
    readonly initialDelayMs: number;
    readonly maxDelayMs: number;
    readonly multiplier: number;
    /** Shorten each delay by a random amount (up to 25 %), as openai-node does. */
    readonly jitter: boolean;
  };
  /** Longest `Retry-After` honoured, in ms; a longer wait fails over instead. */
  readonly maxRetryAfterMs: number;
};

/** Validation of structured output, and what to do when it fails. */
export type ValidationConfig = {
  /** Temperatures of the retries after an invalid answer, in order. */
  readonly temperatureSteps: readonly number[];
  /** Attempts on one target, the first one included. */
  readonly maxAttempts: number;
  /** Move to the next fallback (a stronger tier) once attempts run out. */
  readonly escalate: boolean;
};

/** The call ledger and savings report. */
export type MeteringConfig = {
  readonly enabled: boolean;
  /** JSONL ledger file, resolved against the config file's folder. */
  readonly ledgerPath: string;
  /** Cloud target whose prices the savings report compares against. */
  readonly baselineTarget: string | undefined;
  /** Per-token prices to compare against instead of a target (at most one of the two is set). */
  readonly baselinePrice: Extract<TargetPrice, { readonly type: 'per-token' }> | undefined;
  /** Share of requests with a fallback above which the ledger summary raises an alert. */
  readonly fallbackAlertRate: number;
};

/** Settings of the routing engine. */
export type RouterConfig = {
  /** Most fallback hops kept after the primary. */
  readonly maxFallbacks: number;
};

/**
 * A validated, normalised Switchyard configuration: every default applied, targets as core
 * {@link Target} objects and aliases as a core {@link RoutingTable}. Built by `parseConfig` or
 * `loadConfigFile`; never mutated afterwards.
 */
export type SwitchyardConfig = {
  /** Where the config came from (file path or a label), for messages. */
  readonly source: string | undefined;
  /** Folder that relative paths in the config resolve against (the config file's folder). */
  readonly baseDirectory: string | undefined;
  readonly backends: readonly BackendConfig[];
  readonly targets: readonly Target[];
  readonly routingTable: RoutingTable;
  /** The policies in order; `undefined` when the config lists none (the registry's defaults apply). */
  readonly policies: readonly PolicyConfig[] | undefined;
  readonly health: HealthConfig;
  readonly retry: RetryConfig;
  readonly validation: ValidationConfig;
  readonly metering: MeteringConfig;
  readonly router: RouterConfig;
};
