import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { type CreateBackendOptions, createBackend } from '@switchyard/backends';
import {
  type BackendConfig,
  type BackendKind,
  type BackendV1,
  type Locality,
  type ModelDescription,
  type ProbeResult,
  parseConfig,
  type SwitchyardConfig,
} from '@switchyard/core';
import { bundledModelPath } from './bundled-model-path.js';
import { type CloudProvider, cloudProviders } from './default-cloud-targets.js';
import { ollamaUrlFromEnvironment } from './ollama-url-from-environment.js';

/** One server or model the discovery looked at, for the startup banner. */
export type DiscoveredTarget = {
  /** The target id when it was added, else the backend id. */
  readonly id: string;
  readonly kind: BackendKind;
  readonly locality: Locality;
  /** Whether it is in the config. */
  readonly added: boolean;
  /** Whether it answered its probe (the embedded model: whether its file is there). */
  readonly live: boolean;
  /** What was found, in a few words. */
  readonly detail: string;
};

/** The default config and what the discovery found. */
export type DefaultConfigDiscovery = {
  readonly config: SwitchyardConfig;
  readonly targets: readonly DiscoveredTarget[];
};

/** Settings of {@link discoverDefaultConfig}. */
export type DefaultConfigOptions = {
  /** GGUF model of the embedded tier (default: the bundled `models/tiny-chatml.gguf`). */
  readonly modelPath?: string;
  /**
   * Where the presence of the cloud API keys is checked (default `process.env`). The adapters
   * themselves read the keys from the process environment at each call.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Ollama address to probe (default: `OLLAMA_HOST` in `env`, else `http://127.0.0.1:11434`). */
  readonly ollamaUrl?: string;
  /** llama-server address to probe (default `http://127.0.0.1:8080`). */
  readonly llamaCppUrl?: string;
  /** Time a probe may take, in ms (default 1 500). */
  readonly probeTimeoutMs?: number;
  /** Context window given to local server models, in tokens (default 8 192). */
  readonly localContextWindow?: number;
  /** Adapter settings for the probes (an injected fetch…). */
  readonly backendOptions?: CreateBackendOptions;
  /**
   * Folder the default ledger file (`switchyard-ledger.jsonl`, `metering.ledgerPath`) is placed
   * in (default: the working directory).
   */
  readonly baseDirectory?: string;
};

type TargetEntry = Record<string, unknown> & { readonly id: string };

const mostOllamaModels = 16;

/**
 * Builds the config `switchyard serve` runs without a config file:
 *
 * - an `embedded` local tier running a GGUF in-process (the bundled tiny model unless
 *   `modelPath` names another), always;
 * - Ollama (`127.0.0.1:11434`) and llama-server (`127.0.0.1:8080`) targets, only when they answer
 *   a quick probe — one target per Ollama chat model and one for llama-server's model, as their
 *   `describe()` reports them;
 * - cloud targets for each of `OPENAI_API_KEY`, `OPENROUTER_API_KEY` and `ANTHROPIC_API_KEY` that
 *   is set (keys stay in the environment and are read per call).
 *
 * Policies are the built-in defaults, so `auto` goes to the local tier first. Metering is on, with
 * the ledger at `switchyard-ledger.jsonl` in `baseDirectory`. Throws when a given `modelPath`
 * does not exist.
 *
 * @example
 * const { config, targets } = await discoverDefaultConfig({ modelPath: '/models/qwen2.5-0.5b-q4_k_m.gguf' });
 * for (const target of targets) console.log(target.id, target.live ? 'live' : 'not running');
 */
export async function discoverDefaultConfig(
  options: DefaultConfigOptions = {},
): Promise<DefaultConfigDiscovery> {
  const env = options.env ?? process.env;
  const timeoutMs = options.probeTimeoutMs ?? 1_500;
  const contextWindow = options.localContextWindow ?? 8_192;
  const backends: Record<string, Record<string, unknown>> = {};
  const targets: TargetEntry[] = [];
  const found: DiscoveredTarget[] = [];
  const premium: string[] = [];

  const embedded = await discoverEmbedded(options);
  found.push(embedded.found);
  if (embedded.target !== undefined) {
    backends.embedded = { kind: 'embedded', modelPath: embedded.modelPath };
    targets.push(embedded.target);
  }

  const ollamaUrl = options.ollamaUrl ?? ollamaUrlFromEnvironment(env) ?? 'http://127.0.0.1:11434';
  const llamaCppUrl = options.llamaCppUrl ?? 'http://127.0.0.1:8080';
  const [ollama, llamaCpp, ...clouds] = await Promise.all([
    discoverServer(
      { id: 'ollama', kind: 'ollama', baseUrl: ollamaUrl, options: { numCtx: contextWindow } },
      options,
      timeoutMs,
    ),
    discoverServer(
      { id: 'llamacpp', kind: 'llamacpp', baseUrl: llamaCppUrl, options: {} },
      options,
      timeoutMs,
    ),
    ...cloudProviders
      .filter((provider) => (env[provider.apiKeyEnv] ?? '').trim() !== '')
      .map((provider) => discoverCloud(provider, options, timeoutMs)),
  ]);

  for (const server of [ollama, llamaCpp]) {
    if (server === undefined) continue;
    if (server.models.length === 0) {
      found.push({
        id: server.id,
        kind: server.kind,
        locality: 'local',
        added: false,
        live: server.live,
        detail: server.live ? `${server.detail}; no chat model to route to` : server.detail,
      });
      continue;
    }
    backends[server.id] = { kind: server.kind, baseUrl: server.baseUrl, ...server.backendFields };
    for (const model of server.models) {
      const target = localServerTarget(server.id, model, contextWindow);
      targets.push(target);
      found.push({
        id: target.id,
        kind: server.kind,
        locality: 'local',
        added: true,
        live: true,
        detail: server.detail,
      });
    }
  }

  for (const { provider, probe, failure } of clouds) {
    if (failure !== undefined) {
      found.push({
        id: provider.backend,
        kind: provider.kind,
        locality: 'cloud',
        added: false,
        live: false,
        detail: failure,
      });
      continue;
    }
    backends[provider.backend] = { kind: provider.kind, apiKeyEnv: provider.apiKeyEnv };
    premium.push(...provider.premium);
    for (const target of provider.targets) {
      targets.push({ ...target, backend: provider.backend, tier: 3 });
      found.push({
        id: target.id,
        kind: provider.kind,
        locality: 'cloud',
        added: true,
        live: probe.status === 'up',
        detail: `key in ${provider.apiKeyEnv}; ${describeProbe(probe)}`,
      });
    }
  }

  if (targets.length === 0) {
    throw new Error(
      `no target to serve: the model file ${embedded.modelPath} is missing, no Ollama or llama-server answered, and no cloud key is set; pass --model PATH or --config FILE`,
    );
  }
  const baseline =
    targets.find((target) => target.id === 'openai-gpt-4o') ?? targets.find((target) => target.tier === 3);
  const config = parseConfig(
    {
      backends,
      targets,
      routes: { premium },
      ...(baseline === undefined ? {} : { metering: { baselineTarget: baseline.id } }),
    },
    { env: {}, source: 'built-in default config', baseDirectory: resolve(options.baseDirectory ?? '.') },
  );
  return { config, targets: found };
}

async function discoverEmbedded(options: DefaultConfigOptions): Promise<{
  readonly modelPath: string;
  readonly target: TargetEntry | undefined;
  readonly found: DiscoveredTarget;
}> {
  const modelPath = options.modelPath === undefined ? bundledModelPath() : resolve(options.modelPath);
  const stem = basename(modelPath).replace(/\.gguf$/i, '');
  const id = targetId(`embedded-${stem}`);
  if (!existsSync(modelPath)) {
    if (options.modelPath !== undefined) throw new Error(`model file not found: ${modelPath}`);
    return {
      modelPath,
      target: undefined,
      found: {
        id,
        kind: 'embedded',
        locality: 'local',
        added: false,
        live: false,
        detail: `bundled model missing: ${modelPath}`,
      },
    };
  }
  const backend = await createBackend(
    backendConfigOf({ id: 'embedded', kind: 'embedded', options: {} }, undefined, modelPath),
    options.backendOptions,
  );
  let model: ModelDescription | undefined;
  try {
    model = (await backend.describe()).models[0];
  } finally {
    await backend.close?.();
  }
  const contextWindow = Math.min(model?.contextWindow ?? 2_048, 8_192);
  return {
    modelPath,
    target: {
      id,
      backend: 'embedded',
      model: stem,
      tier: 1,
      ...(model?.quantization === undefined || model.quantization === null
        ? {}
        : { quantization: quantizationName(model.quantization) }),
      capabilities: { contextWindow, tools: false, structuredOutput: 'native', vision: false },
      // One sequence on one CPU thread: more requests wait in line (or fail over).
      maxConcurrency: 1,
    },
    found: {
      id,
      kind: 'embedded',
      locality: 'local',
      added: true,
      live: true,
      detail: `in-process, ${modelPath}`,
    },
  };
}

async function discoverCloud(
  provider: CloudProvider,
  options: DefaultConfigOptions,
  timeoutMs: number,
): Promise<{ provider: CloudProvider; probe: ProbeResult; failure?: string }> {
  let backend: BackendV1;
  try {
    backend = await createBackend(
      backendConfigOf({ id: provider.backend, kind: provider.kind, options: {} }, provider.apiKeyEnv),
      options.backendOptions,
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      provider,
      probe: { status: 'down', latencyMs: 0 },
      failure: `key in ${provider.apiKeyEnv}, but: ${reason}`,
    };
  }
  return { provider, probe: await probeWithin(backend, timeoutMs) };
}

type DiscoveredServer = {
  readonly id: string;
  readonly kind: BackendKind;
  readonly baseUrl: string;
  readonly backendFields: Record<string, unknown>;
  readonly live: boolean;
  readonly detail: string;
  readonly models: readonly ModelDescription[];
};

async function discoverServer(
  entry: { id: string; kind: BackendKind; baseUrl: string; options: Record<string, unknown> },
  options: DefaultConfigOptions,
  timeoutMs: number,
): Promise<DiscoveredServer> {
  const backend = await createBackend(backendConfigOf(entry), options.backendOptions);
  const probe = await probeWithin(backend, timeoutMs);
  const base = {
    id: entry.id,
    kind: entry.kind,
    baseUrl: entry.baseUrl,
    backendFields: Object.keys(entry.options).length === 0 ? {} : { options: entry.options },
  };
  if (probe.status === 'down') {
    return { ...base, live: false, detail: `not running at ${entry.baseUrl}`, models: [] };
  }
  let models: readonly ModelDescription[];
  try {
    const description = await withTimeout((signal) => backend.describe({ signal }), timeoutMs * 2);
    models = description.models.filter(isChatModel).slice(0, mostOllamaModels);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ...base,
      live: true,
      detail: `${entry.baseUrl} answered, but listing its models failed: ${reason}`,
      models: [],
    };
  }
  return { ...base, live: true, detail: `${entry.baseUrl} (${describeProbe(probe)})`, models };
}

function localServerTarget(backend: string, model: ModelDescription, contextWindow: number): TargetEntry {
  const capabilities = model.capabilities ?? {};
  return {
    id: targetId(`${backend}-${model.id}`),
    backend,
    model: model.id,
    tier: 1,
    ...(model.quantization === undefined || model.quantization === null
      ? {}
      : { quantization: quantizationName(model.quantization) }),
    capabilities: {
      contextWindow: Math.min(model.contextWindow ?? contextWindow, contextWindow),
      tools: capabilities.tools ?? false,
      structuredOutput: capabilities.structuredOutput ?? 'json-mode',
      vision: capabilities.vision ?? false,
    },
  };
}

/** Ollama lists embedding models too; they cannot answer a chat. */
function isChatModel(model: ModelDescription): boolean {
  const names = (model as { readonly ollamaCapabilities?: readonly string[] }).ollamaCapabilities;
  return names === undefined || names.includes('completion') || !names.includes('embedding');
}

async function probeWithin(backend: BackendV1, timeoutMs: number): Promise<ProbeResult> {
  try {
    return await withTimeout((signal) => backend.probe({ signal }), timeoutMs);
  } catch (error) {
    return {
      status: 'down',
      latencyMs: timeoutMs,
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}

function withTimeout<T>(run: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<T> {
  const signal = AbortSignal.timeout(timeoutMs);
  return Promise.race([
    run(signal),
    new Promise<never>((_, reject) => {
      signal.addEventListener('abort', () => reject(new Error(`no answer within ${timeoutMs} ms`)), {
        once: true,
      });
    }),
  ]);
}

function describeProbe(probe: ProbeResult): string {
  if (probe.status === 'up') return `answered in ${Math.round(probe.latencyMs)} ms`;
  if (probe.status === 'loading') return 'loading a model';
  return `probe failed: ${probe.detail ?? 'no answer'}`;
}

function backendConfigOf(
  entry: { id: string; kind: BackendKind; baseUrl?: string; options: Record<string, unknown> },
  apiKeyEnv?: string,
  modelPath?: string,
): BackendConfig {
  return {
    id: entry.id,
    kind: entry.kind,
    ...(entry.baseUrl === undefined ? {} : { baseUrl: entry.baseUrl }),
    ...(apiKeyEnv === undefined ? {} : { apiKeyEnv }),
    ...(modelPath === undefined ? {} : { modelPath }),
    headers: {},
    locality:
      entry.kind === 'openai' || entry.kind === 'openrouter' || entry.kind === 'anthropic'
        ? 'cloud'
        : 'local',
    options: entry.options,
  };
}

/** A config-safe target id: anything outside the id alphabet becomes `-`. */
function targetId(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9._:/@+-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return cleaned.slice(0, 128) || 'target';
}

/** A config-safe quantization name (`Q4_K_M`, `F16`…). */
function quantizationName(text: string): string | undefined {
  const cleaned = text.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 32);
  return cleaned === '' ? undefined : cleaned;
}
