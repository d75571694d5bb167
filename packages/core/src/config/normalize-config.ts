import { isAbsolute, resolve } from 'node:path';
import type { RouteAlias, RouteTableHop } from '../spec/policy-registry.js';
import type { Target, TargetCapabilities, TargetPrice } from '../spec/target.js';
import type { BackendConfigInput } from './backend-config-schema.js';
import { backendKindDefaults, localityOfUrl } from './backend-kind-defaults.js';
import type { SwitchyardConfigInput } from './config-schema.js';
import type { RouteHopInput } from './routes-config-schema.js';
import type { BackendConfig, SwitchyardConfig } from './switchyard-config.js';
import type { TargetConfigInput } from './target-config-schema.js';

/** Total timeout of a call when neither the target nor its backend sets one, in ms. */
export const defaultTargetTimeoutMs = 60_000;

/** Where the config came from, for messages and relative paths. */
export type NormalizeConfigOptions = {
  readonly source?: string;
  /** Folder that relative paths (`modelPath`, `ledgerPath`) are resolved against. */
  readonly baseDirectory?: string;
};

/**
 * Turns a validated, cross-checked config into a {@link SwitchyardConfig}: defaults per backend
 * kind, target locality, tier and timeout, core `Target` objects and the `RoutingTable`. Returns
 * new, frozen objects; the input is not touched.
 *
 * @example
 * const config = normalizeConfig(switchyardConfigSchema.parse(data), { source: 'switchyard.yaml' });
 */
export function normalizeConfig(
  input: SwitchyardConfigInput,
  options: NormalizeConfigOptions = {},
): SwitchyardConfig {
  const resolvePath = (path: string) =>
    options.baseDirectory === undefined || isAbsolute(path) ? path : resolve(options.baseDirectory, path);

  const backends = Object.entries(input.backends).map(([id, backend]) =>
    normalizeBackend(id, backend, resolvePath),
  );
  const backendsById = new Map(backends.map((backend) => [backend.id, backend]));
  const targets = input.targets.map((target) => {
    const backend = backendsById.get(target.backend);
    if (backend === undefined) throw new TypeError(`target ${target.id}: backend was not checked`);
    return normalizeTarget(target, backend);
  });

  const aliases: RouteAlias[] = Object.entries(input.routes.aliases).map(([alias, route]) => ({
    alias,
    primary: normalizeHop(route.primary),
    fallbacks: route.fallbacks.map(normalizeHop),
  }));

  const config: SwitchyardConfig = {
    source: options.source,
    baseDirectory: options.baseDirectory,
    backends,
    targets,
    routingTable: { aliases, premium: [...input.routes.premium] },
    policies: input.policies?.map((entry) =>
      typeof entry === 'string'
        ? { name: entry, options: undefined }
        : { name: entry.name, options: entry.options === undefined ? undefined : { ...entry.options } },
    ),
    health: { ...input.health },
    retry: { ...input.retry, backoff: { ...input.retry.backoff } },
    validation: { ...input.validation, temperatureSteps: [...input.validation.temperatureSteps] },
    metering: {
      enabled: input.metering.enabled,
      ledgerPath: resolvePath(input.metering.ledgerPath),
      baselineTarget: input.metering.baselineTarget,
      baselinePrice:
        input.metering.baselinePrice === undefined
          ? undefined
          : withoutUndefined<Extract<TargetPrice, { type: 'per-token' }>>({
              type: 'per-token',
              inputPerMillionUsd: input.metering.baselinePrice.input,
              outputPerMillionUsd: input.metering.baselinePrice.output,
              cachedInputPerMillionUsd: input.metering.baselinePrice.cachedInput,
            }),
      fallbackAlertRate: input.metering.fallbackAlertRate,
    },
    router: { ...input.router },
  };
  return deepFreeze(config);
}

function normalizeBackend(
  id: string,
  backend: BackendConfigInput,
  resolvePath: (path: string) => string,
): BackendConfig {
  const defaults = backendKindDefaults[backend.kind];
  if (backend.kind === 'embedded') {
    return withoutUndefined({
      id,
      kind: backend.kind,
      modelPath: resolvePath(backend.modelPath),
      headers: {},
      timeoutMs: backend.timeoutMs,
      locality: 'local',
      options: { ...backend.options },
    });
  }
  const baseUrl = backend.baseUrl ?? defaults.baseUrl;
  return withoutUndefined({
    id,
    kind: backend.kind,
    baseUrl,
    apiKey: backend.apiKey,
    apiKeyEnv: backend.apiKeyEnv ?? (backend.apiKey === undefined ? defaults.apiKeyEnv : undefined),
    headers: { ...backend.headers },
    timeoutMs: backend.timeoutMs,
    locality: backend.locality ?? defaults.locality ?? localityOfUrl(baseUrl ?? ''),
    options: { ...backend.options },
  });
}

function normalizeTarget(target: TargetConfigInput, backend: BackendConfig): Target {
  const locality = target.locality ?? backend.locality;
  const { capabilities } = target;
  return withoutUndefined({
    id: target.id,
    backend: backend.id,
    kind: backend.kind,
    model: target.model,
    quantization: target.quantization ?? null,
    tier: target.tier ?? (locality === 'cloud' ? 3 : 1),
    locality,
    capabilities: withoutUndefined<TargetCapabilities>({
      contextWindow: capabilities.contextWindow,
      maxOutputTokens: capabilities.maxOutputTokens,
      tools: capabilities.tools,
      maxTools: capabilities.maxTools,
      maxToolChainDepth: capabilities.maxToolChainDepth,
      structuredOutput: capabilities.structuredOutput,
      vision: capabilities.vision,
    }),
    memoryGb: target.memoryGb,
    price: target.price === undefined ? undefined : normalizePrice(target.price),
    timeoutMs: target.timeoutMs ?? backend.timeoutMs ?? defaultTargetTimeoutMs,
    firstTokenTimeoutMs: target.firstTokenTimeoutMs,
    maxConcurrency: target.maxConcurrency,
    tags: target.tags === undefined ? undefined : [...target.tags],
    prompt:
      target.prompt === undefined
        ? undefined
        : withoutUndefined({ system: target.prompt.system, mode: target.prompt.mode }),
  });
}

function normalizePrice(price: NonNullable<TargetConfigInput['price']>): TargetPrice {
  if (price.perToken !== undefined) {
    return withoutUndefined<TargetPrice>({
      type: 'per-token',
      inputPerMillionUsd: price.perToken.input,
      outputPerMillionUsd: price.perToken.output,
      cachedInputPerMillionUsd: price.perToken.cachedInput,
    });
  }
  const gpuHourly = price.gpuHourly as NonNullable<typeof price.gpuHourly>;
  return withoutUndefined<TargetPrice>({
    type: 'gpu-hourly',
    gpuHourlyUsd: gpuHourly.usdPerHour,
    expectedOutputTokensPerSecond: gpuHourly.expectedOutputTokensPerSecond,
    expectedPromptTokensPerSecond: gpuHourly.expectedPromptTokensPerSecond,
  });
}

function normalizeHop(hop: RouteHopInput): RouteTableHop {
  if (typeof hop === 'string') return { target: hop };
  return withoutUndefined<RouteTableHop>({ target: hop.target, model: hop.model, timeoutMs: hop.timeoutMs });
}

/** Drops keys whose value is `undefined`, so optional fields are absent rather than present-but-empty. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/**
 * Freezes plain objects and arrays all the way down. Other objects (a `Date`, a class instance
 * handed over in adapter options) belong to the caller and are left as they are.
 */
function deepFreeze<T>(value: T): T {
  if (!Array.isArray(value) && !isPlainObject(value)) return value;
  if (Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const item of Object.values(value as object)) deepFreeze(item);
  return value;
}

function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
