import { type CreateBackendOptions, createBackendsFromConfig } from '@switchyard/backends';
import {
  type BackendDescription,
  type BackendHealth,
  type BackendKind,
  type BackendV1,
  createHealthMonitor,
  type Locality,
  type ModelDescription,
  type ProbeResult,
  type SwitchyardConfig,
  type Target,
  type Tier,
} from '@switchyard/core';
import { type ModelMatch, matchServedModel } from './match-served-model.js';
import { type PrimaryTargets, primaryTargetsOf } from './primary-targets.js';
import { createSecretRedactor } from './secret-redactor.js';

/** Settings of {@link diagnoseConfig}. */
export type DiagnoseConfigOptions = {
  /**
   * The adapters, by backend id. Default: built from the config (`createBackendsFromConfig`)
   * and closed before the diagnosis resolves.
   */
  readonly backends?: Readonly<Record<string, BackendV1>>;
  /** Settings for building the adapters when `backends` is not given (an injected fetch…). */
  readonly backendOptions?: CreateBackendOptions;
  /** Time allowed for one probe, in ms (default: the config's `health.timeoutMs`). */
  readonly timeoutMs?: number;
  /** Extra probes after a `down` (default: the config's `health.retries`). */
  readonly retries?: number;
  /** Pause between those probes, in ms (default 500). */
  readonly retryDelayMs?: number;
  /** Time allowed for listing one backend's models, in ms (default 3 × `timeoutMs`). */
  readonly describeTimeoutMs?: number;
};

/** One backend: its health check and its model list. */
export type BackendDiagnosis = {
  readonly id: string;
  readonly kind: BackendKind;
  readonly status: ProbeResult['status'];
  /** The last probe's latency, in ms. */
  readonly latencyMs: number;
  /** Probes made (1 + the retries used). */
  readonly attempts: number;
  readonly detail?: string;
  readonly load?: ProbeResult['load'];
  /** Models the server lists (`null` when not listed: down, or listing failed). */
  readonly models: readonly ModelDescription[] | null;
  /** Why listing the models failed. */
  readonly describeError?: string;
  readonly targets: readonly string[];
};

/** Whether a target can serve requests now, as far as free checks can tell. */
export type TargetStatus = 'up' | 'loading' | 'down' | 'model-missing';

/** One target: its backend's check, its model on that server, and what differs from the config. */
export type TargetDiagnosis = {
  readonly id: string;
  readonly backend: string;
  readonly kind: BackendKind;
  readonly model: string;
  readonly locality: Locality;
  readonly tier: Tier;
  /** Whether the config depends on it ({@link primaryTargetsOf}). */
  readonly primary: boolean;
  /**
   * `down`: its backend failed its health check; `model-missing`: the server is up but does not
   * have the model (Ollama, vLLM); `loading`: the server is loading a model; `up` otherwise.
   */
  readonly status: TargetStatus;
  /** The model on the server: see {@link ModelMatch}. */
  readonly modelCheck: ModelMatch['status'];
  /** The server's name for the model, when found. */
  readonly servedModel: string | null;
  /** The configured context window, and the server's (`null` when it does not say). */
  readonly contextWindow: number;
  readonly serverContextWindow: number | null;
  /** The configured quantization, and the server's (`null` when it does not say). */
  readonly quantization: string | null;
  readonly serverQuantization: string | null;
  /** Whether the model is in memory now (`null` when the server does not say). */
  readonly loaded: boolean | null;
  /** The latency of its backend's health probe, in ms. */
  readonly probeLatencyMs: number;
  /** Why it is not usable (empty when `up` or `loading`). */
  readonly problems: readonly string[];
  /** Differences from the config and other things worth knowing. */
  readonly notes: readonly string[];
};

/** What {@link diagnoseConfig} found. */
export type ConfigDiagnosis = {
  readonly backends: readonly BackendDiagnosis[];
  readonly targets: readonly TargetDiagnosis[];
  readonly primary: PrimaryTargets;
  /** Primary targets that are `down` or `model-missing`. */
  readonly failingPrimaries: readonly string[];
  /** No primary target is failing. */
  readonly ok: boolean;
  /** The probe timeout used, in ms. */
  readonly timeoutMs: number;
};

/**
 * Checks every backend and target of a config without spending anything: each backend's health
 * probe (core's health monitor, with the config's timeout and retries), then, for the backends
 * that answered, `describe()` — the server's model list, context windows, quantization and what
 * is loaded (free on every adapter: local servers' own endpoints, cloud `GET /models`). Never
 * generates, never warms a model up, never loads an embedded model. Messages are cleaned of the
 * config's secrets.
 *
 * @example
 * const diagnosis = await diagnoseConfig(await loadConfigFile('switchyard.yaml'), { timeoutMs: 1000 });
 * for (const target of diagnosis.targets) console.log(target.id, target.status, target.problems);
 * process.exitCode = diagnosis.ok ? 0 : 1;
 */
export async function diagnoseConfig(
  config: SwitchyardConfig,
  options: DiagnoseConfigOptions = {},
): Promise<ConfigDiagnosis> {
  const timeoutMs = options.timeoutMs ?? config.health.timeoutMs;
  const redact = createSecretRedactor(config.backends);
  const backends = options.backends ?? (await createBackendsFromConfig(config, options.backendOptions));
  try {
    const monitor = createHealthMonitor({
      targets: config.targets,
      backends,
      timeoutMs,
      retries: options.retries ?? config.health.retries,
      ...(options.retryDelayMs === undefined ? {} : { retryDelayMs: options.retryDelayMs }),
      // The monitor's own timers are unref'd (a gateway's checks never hold up its exit); here the
      // check is the whole job, so its pauses must keep a command-line process alive.
      setTimer: (callback, milliseconds) => setTimeout(callback, milliseconds),
      clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
    });
    const checks = await monitor.checkNow();
    const describeTimeoutMs = options.describeTimeoutMs ?? 3 * timeoutMs;
    const diagnoses = await Promise.all(
      checks.map((check) =>
        diagnoseBackend(check, backends[check.backend] as BackendV1, describeTimeoutMs, redact),
      ),
    );
    const byId = new Map(diagnoses.map((backend) => [backend.id, backend]));
    const primary = primaryTargetsOf(config);
    const primaryIds = new Set(primary.ids);
    const targets = config.targets.map((target) =>
      diagnoseTarget(target, byId.get(target.backend) as BackendDiagnosis, primaryIds.has(target.id)),
    );
    const failingPrimaries = targets
      .filter((target) => target.primary && (target.status === 'down' || target.status === 'model-missing'))
      .map((target) => target.id);
    return {
      backends: diagnoses,
      targets,
      primary,
      failingPrimaries,
      ok: failingPrimaries.length === 0,
      timeoutMs,
    };
  } finally {
    if (options.backends === undefined) {
      await Promise.allSettled(Object.values(backends).map((backend) => backend.close?.()));
    }
  }
}

async function diagnoseBackend(
  check: BackendHealth,
  backend: BackendV1,
  timeoutMs: number,
  redact: (text: string) => string,
): Promise<BackendDiagnosis> {
  const base = {
    id: check.backend,
    kind: check.kind,
    status: check.status,
    latencyMs: check.latencyMs,
    attempts: check.attempts,
    ...(check.detail === undefined ? {} : { detail: redact(check.detail) }),
    ...(check.load === undefined ? {} : { load: check.load }),
    targets: check.targets,
  };
  if (check.status === 'down') return { ...base, models: null };
  try {
    const description = await describeWithin(backend, timeoutMs);
    return { ...base, models: description.models };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, models: null, describeError: redact(message) };
  }
}

function diagnoseTarget(target: Target, backend: BackendDiagnosis, primary: boolean): TargetDiagnosis {
  const match = matchServedModel(target.kind, target.model, backend.models ?? undefined);
  const served = 'model' in match ? match.model : undefined;
  const problems: string[] = [];
  const notes: string[] = [];
  let status: TargetStatus = backend.status;
  if (backend.status === 'down') {
    problems.push(`backend '${backend.id}' is down: ${backend.detail ?? 'no answer'}`);
  } else if (match.status === 'missing') {
    status = 'model-missing';
    problems.push(
      `backend '${backend.id}' does not have model '${target.model}' (it has: ${modelNames(backend.models)})`,
    );
  }
  if (backend.status === 'loading') notes.push(`backend '${backend.id}' is loading a model`);
  if (backend.describeError !== undefined) notes.push(`listing the models failed: ${backend.describeError}`);
  if (match.status === 'not-listed') {
    notes.push(
      `'${target.model}' is not in the server's model list (the provider may accept it as an alias)`,
    );
  }
  if (match.status === 'served' && served !== undefined) {
    notes.push(`the server runs one model, '${served.id}', whatever the name asked for`);
  }
  const serverContextWindow = served?.contextWindow ?? null;
  if (serverContextWindow !== null && target.capabilities.contextWindow > serverContextWindow) {
    notes.push(
      `contextWindow ${target.capabilities.contextWindow} is more than the server's ${serverContextWindow}: ` +
        'long prompts would be cut or refused; lower it in the config',
    );
  }
  const serverQuantization = served?.quantization ?? null;
  if (
    target.quantization !== null &&
    serverQuantization !== null &&
    target.quantization.toLowerCase() !== serverQuantization.toLowerCase()
  ) {
    notes.push(`quantization is ${target.quantization} in the config, ${serverQuantization} on the server`);
  }
  const warnings = (served as { warnings?: unknown } | undefined)?.warnings;
  if (Array.isArray(warnings)) notes.push(...warnings.filter((entry) => typeof entry === 'string'));
  return {
    id: target.id,
    backend: target.backend,
    kind: target.kind,
    model: target.model,
    locality: target.locality,
    tier: target.tier,
    primary,
    status,
    modelCheck: match.status,
    servedModel: served?.id ?? null,
    contextWindow: target.capabilities.contextWindow,
    serverContextWindow,
    quantization: target.quantization,
    serverQuantization,
    loaded: served?.loaded ?? null,
    probeLatencyMs: backend.latencyMs,
    problems,
    notes,
  };
}

function modelNames(models: readonly ModelDescription[] | null): string {
  if (models === null || models.length === 0) return 'no models';
  const names = models.slice(0, 8).map((model) => model.id);
  return models.length > names.length ? `${names.join(', ')}, …` : names.join(', ');
}

async function describeWithin(backend: BackendV1, timeoutMs: number): Promise<BackendDescription> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`no model list within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([backend.describe({ signal: controller.signal }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
