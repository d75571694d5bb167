import type { BackendV1, ProbeResult } from '../../spec/backend.js';
import type { BackendKind } from '../../spec/target.js';
import type { FakeClock } from './fake-clock.js';

/** What one probe (or warm-up) does. */
export type ScriptStep =
  | ProbeResult['status']
  /** Throws this message. */
  | { readonly throw: string }
  /** Never answers, not even when aborted. */
  | 'hang'
  /** Answers `status` after `delayMs` on the fake clock. */
  | { readonly status: ProbeResult['status']; readonly delayMs: number };

/** A backend whose probe (and warm-up) follow a script, with what it was asked. */
export type ScriptedBackend = BackendV1 & {
  readonly probes: number;
  /** Signals the probes received. */
  readonly probeSignals: AbortSignal[];
  /** Models asked to warm up, in call order. */
  readonly warmUps: string[];
};

/**
 * A backend for health tests: probe `n` plays `probeScript[n]` (the last step repeats); with a
 * `warmUpScript`, `warmUp` exists and plays it the same way (`up` means loaded).
 *
 * @example
 * const ollama = scriptedBackend('ollama', clock, ['down', 'down', 'up']);
 */
export function scriptedBackend(
  id: string,
  clock: FakeClock,
  probeScript: readonly ScriptStep[],
  warmUpScript?: readonly ScriptStep[],
  kind: BackendKind = 'ollama',
): ScriptedBackend {
  let probes = 0;
  const probeSignals: AbortSignal[] = [];
  const warmUps: string[] = [];
  const play = (step: ScriptStep | undefined, latencyMs: number): Promise<ProbeResult> => {
    if (step === undefined || step === 'hang') return new Promise(() => {});
    if (typeof step === 'string')
      return Promise.resolve({ status: step, latencyMs, detail: `${id} says ${step}` });
    if ('throw' in step) return Promise.reject(new Error(step.throw));
    return new Promise((resolve) =>
      clock.setTimer(() => resolve({ status: step.status, latencyMs: step.delayMs }), step.delayMs),
    );
  };
  const unsupported = () => Promise.reject(new Error('not used by health tests'));
  const backend: ScriptedBackend = {
    specificationVersion: 'v1',
    id,
    kind,
    get probes() {
      return probes;
    },
    probeSignals,
    warmUps,
    describe: unsupported,
    doGenerate: unsupported,
    doStream: unsupported,
    probe(options) {
      const step = probeScript[Math.min(probes, probeScript.length - 1)];
      probes += 1;
      if (options?.signal !== undefined) probeSignals.push(options.signal);
      return play(step, 3);
    },
  };
  if (warmUpScript === undefined) return backend;
  return Object.assign(backend, {
    async warmUp(model: string) {
      const step = warmUpScript[Math.min(warmUps.length, warmUpScript.length - 1)];
      warmUps.push(model);
      const result = await play(step, 0);
      if (result.status !== 'up') throw new Error(`${id} could not load ${model}`);
    },
  });
}
