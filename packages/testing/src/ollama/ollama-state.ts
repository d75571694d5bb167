import type { EmulatorModel } from '../emulator/emulator.js';
import type { EmulatorStats } from '../emulator/start-emulator-server.js';

/** What the Ollama emulator remembers between requests: loaded models and totals. */
export type OllamaState = {
  readonly models: readonly EmulatorModel[];
  /** Loaded models by id: when keep-alive ends (ms since epoch, Infinity = forever) and the allocated context. */
  readonly loaded: Map<string, { expiresAt: number; contextLength: number }>;
  readonly replyText: string;
  readonly stats: EmulatorStats;
  /** Default `num_ctx` of a model. */
  readonly contextWindow: (model: EmulatorModel) => number;
};

/**
 * Finds a served model by name the way Ollama resolves it (`name` means `name:latest`).
 *
 * @example
 * findOllamaModel(state, 'llama3.1:8b')
 */
export function findOllamaModel(state: OllamaState, name: string): EmulatorModel | undefined {
  const wanted = withTag(name);
  return state.models.find((model) => withTag(model.id) === wanted);
}

function withTag(name: string): string {
  const slash = name.lastIndexOf('/');
  return name.indexOf(':', slash + 1) >= 0 ? name : `${name}:latest`;
}

/**
 * Reads `keep_alive` as Ollama does: a number of seconds or a Go duration (`"5m"`, `"1h30m"`,
 * `"0"`); negative keeps the model forever. Returns milliseconds (Infinity for forever), or an
 * error message for an invalid duration.
 *
 * @example
 * keepAliveMilliseconds('5m') // 300000
 */
export function keepAliveMilliseconds(value: unknown): number | { readonly error: string } {
  if (value === undefined || value === null) return 5 * 60_000;
  if (typeof value === 'number') return value < 0 ? Number.POSITIVE_INFINITY : value * 1000;
  if (typeof value !== 'string') return { error: 'json: cannot unmarshal keep_alive: unsupported type' };
  if (value === '0') return 0;
  const units: Readonly<Record<string, number>> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  };
  const pattern = /(-?\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  for (const match of value.matchAll(pattern)) {
    total += Number(match[1]) * (units[match[2] ?? 's'] ?? 0);
    consumed += match[0].length;
  }
  if (consumed !== value.length || consumed === 0) return { error: `time: invalid duration "${value}"` };
  return total < 0 ? Number.POSITIVE_INFINITY : total;
}
