import { InvalidConfigError } from '../errors/invalid-config-error.js';
import { abortableSleep } from './abortable-sleep.js';

/**
 * Settings of the executor (`createRouter({ execution })`). Every field is optional; the defaults
 * are the documented ones below and match the config file's `retry:` and `validation:` sections.
 */
export type ExecutionOptions = {
  /** Total timeout of one call when neither the route nor the target sets one, in ms (default 60 000). */
  readonly defaultTimeoutMs?: number;
  /** Time allowed to the first streamed content token when the target sets none, in ms (default 15 000). */
  readonly defaultFirstTokenTimeoutMs?: number;
  /** Calls per hop, the first included, for retryable errors (rate limits, overload…) (default 2). */
  readonly maxAttemptsPerTarget?: number;
  /** Exponential backoff between retries on one hop. */
  readonly backoff?: {
    /** Delay before the first retry, in ms (default 500). */
    readonly initialDelayMs?: number;
    /** Longest delay, in ms (default 8 000). */
    readonly maxDelayMs?: number;
    /** Growth per retry (default 2). */
    readonly multiplier?: number;
    /** Shorten each delay by up to 25 % at random, openai-node's jitter (default true). */
    readonly jitter?: boolean;
  };
  /** Longest Retry-After honoured, in ms; a longer one fails over at once (default 60 000). */
  readonly maxRetryAfterMs?: number;
  /** Requests that may wait for a slot on a target with `maxConcurrency` (default 16). */
  readonly queueLimit?: number;
  /** Longest wait for a slot before spilling to the next hop, in ms (default 5 000). */
  readonly queueTimeoutMs?: number;
  /** Structured-output validation (non-streaming calls only). */
  readonly validation?: {
    /** Temperatures of the retries after a failed validation, in order; never raised (default [0.2, 0.1, 0]). */
    readonly temperatureSteps?: readonly number[];
    /** Calls per hop, the first included (default 3). */
    readonly maxAttempts?: number;
    /** After the last failed call, move on to a stronger hop; false: fail at once (default true). */
    readonly escalate?: boolean;
  };
  /**
   * What to do when a quality gate fails on the last hop that could answer: `return` the answer
   * with a warning recorded (default), or `throw` an `ExecutionError` (`invalid-output`).
   */
  readonly onQualityGateFailure?: 'return' | 'throw';
  /** Waits between retries (default: a timer that the caller's signal cancels). Tests inject a fake. */
  readonly sleep?: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  /** Random source for backoff jitter (default: the router's `random`, else `Math.random`). */
  readonly random?: () => number;
  /** Clock for latencies (default: the router's `now`, else `Date.now`). */
  readonly now?: () => number;
  /**
   * Called when an event listener throws (the request carries on). Default: a process warning.
   */
  readonly onListenerError?: (error: unknown, event: string) => void;
};

/** {@link ExecutionOptions} with every default filled in. */
export type ResolvedExecutionOptions = {
  readonly defaultTimeoutMs: number;
  readonly defaultFirstTokenTimeoutMs: number;
  readonly maxAttemptsPerTarget: number;
  readonly backoff: {
    readonly initialDelayMs: number;
    readonly maxDelayMs: number;
    readonly multiplier: number;
    readonly jitter: boolean;
  };
  readonly maxRetryAfterMs: number;
  readonly queueLimit: number;
  readonly queueTimeoutMs: number;
  readonly validation: {
    readonly temperatureSteps: readonly number[];
    readonly maxAttempts: number;
    readonly escalate: boolean;
  };
  readonly onQualityGateFailure: 'return' | 'throw';
  readonly sleep: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
  readonly now: () => number;
  readonly onListenerError: (error: unknown, event: string) => void;
};

/**
 * Fills in the defaults of {@link ExecutionOptions} and checks the numbers, naming any bad one.
 *
 * @example
 * const resolved = resolveExecutionOptions({ maxAttemptsPerTarget: 3 }, { now: Date.now, random: Math.random });
 * resolved.queueLimit; // 16
 */
export function resolveExecutionOptions(
  options: ExecutionOptions | undefined,
  fallbacks: { readonly now?: () => number; readonly random?: () => number } = {},
): ResolvedExecutionOptions {
  const resolved: ResolvedExecutionOptions = {
    defaultTimeoutMs: options?.defaultTimeoutMs ?? 60_000,
    defaultFirstTokenTimeoutMs: options?.defaultFirstTokenTimeoutMs ?? 15_000,
    maxAttemptsPerTarget: options?.maxAttemptsPerTarget ?? 2,
    backoff: {
      initialDelayMs: options?.backoff?.initialDelayMs ?? 500,
      maxDelayMs: options?.backoff?.maxDelayMs ?? 8_000,
      multiplier: options?.backoff?.multiplier ?? 2,
      jitter: options?.backoff?.jitter ?? true,
    },
    maxRetryAfterMs: options?.maxRetryAfterMs ?? 60_000,
    queueLimit: options?.queueLimit ?? 16,
    queueTimeoutMs: options?.queueTimeoutMs ?? 5_000,
    validation: {
      temperatureSteps: options?.validation?.temperatureSteps ?? [0.2, 0.1, 0],
      maxAttempts: options?.validation?.maxAttempts ?? 3,
      escalate: options?.validation?.escalate ?? true,
    },
    onQualityGateFailure: options?.onQualityGateFailure ?? 'return',
    sleep: options?.sleep ?? abortableSleep,
    random: options?.random ?? fallbacks.random ?? Math.random,
    now: options?.now ?? fallbacks.now ?? Date.now,
    onListenerError: options?.onListenerError ?? warnListenerError,
  };
  assertOptions(resolved);
  return resolved;
}

function assertOptions(options: ResolvedExecutionOptions): void {
  const problems: string[] = [];
  const positive = (name: string, value: number) => {
    if (!(Number.isFinite(value) && value > 0)) problems.push(`${name}: must be a positive number`);
  };
  const nonNegative = (name: string, value: number) => {
    if (!(Number.isFinite(value) && value >= 0)) problems.push(`${name}: must be a number ≥ 0`);
  };
  const count = (name: string, value: number) => {
    if (!(Number.isInteger(value) && value >= 1)) problems.push(`${name}: must be an integer ≥ 1`);
  };
  positive('defaultTimeoutMs', options.defaultTimeoutMs);
  positive('defaultFirstTokenTimeoutMs', options.defaultFirstTokenTimeoutMs);
  count('maxAttemptsPerTarget', options.maxAttemptsPerTarget);
  nonNegative('backoff.initialDelayMs', options.backoff.initialDelayMs);
  nonNegative('backoff.maxDelayMs', options.backoff.maxDelayMs);
  if (!(options.backoff.multiplier >= 1)) problems.push('backoff.multiplier: must be ≥ 1');
  nonNegative('maxRetryAfterMs', options.maxRetryAfterMs);
  if (!(Number.isInteger(options.queueLimit) && options.queueLimit >= 0)) {
    problems.push('queueLimit: must be an integer ≥ 0');
  }
  nonNegative('queueTimeoutMs', options.queueTimeoutMs);
  count('validation.maxAttempts', options.validation.maxAttempts);
  if (options.validation.temperatureSteps.length === 0) {
    problems.push('validation.temperatureSteps: must list at least one temperature');
  }
  options.validation.temperatureSteps.forEach((step, index) => {
    if (!(step >= 0 && step <= 2)) problems.push(`validation.temperatureSteps[${index}]: must be in [0, 2]`);
  });
  if (problems.length > 0) {
    const issues = problems.map((problem) => `execution.${problem}`);
    throw new InvalidConfigError({ message: `invalid execution options: ${issues.join('; ')}`, issues });
  }
}

function warnListenerError(error: unknown, event: string): void {
  const message = error instanceof Error ? error.message : String(error);
  process.emitWarning(`a '${event}' listener threw: ${message}`, { code: 'SWITCHYARD_LISTENER_ERROR' });
}
