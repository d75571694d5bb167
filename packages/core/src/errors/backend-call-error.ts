import { errorMarker, SwitchyardError } from './switchyard-error.js';

const marker = errorMarker('BackendCallError');

/** What went wrong, in the terms the executor decides on. */
export type BackendErrorCode =
  | 'rate-limited'
  | 'overloaded'
  | 'unavailable'
  | 'timeout'
  | 'network'
  | 'context-length-exceeded'
  | 'invalid-request'
  | 'unauthorized'
  | 'quota-exhausted'
  | 'model-not-found'
  | 'unsupported'
  | 'invalid-output'
  | 'aborted'
  | 'unknown';

/** Where the call was when it failed: before a connection, before headers, or mid-stream. */
export type BackendErrorPhase = 'connect' | 'headers' | 'stream';

/**
 * A backend call failed. Carries what the executor needs to decide — never the API key or the
 * request's content. `message` is the backend's own message, with anything key-like redacted.
 *
 * @example
 * if (BackendCallError.isInstance(error) && error.isRetryable) await sleep(error.retryAfterMs ?? 1000);
 */
export class BackendCallError extends SwitchyardError {
  protected readonly [marker] = true;
  readonly code: BackendErrorCode;
  readonly isRetryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly phase: BackendErrorPhase;
  readonly status: number | undefined;
  readonly backend: string;

  constructor(options: {
    message: string;
    code: BackendErrorCode;
    backend: string;
    phase: BackendErrorPhase;
    status?: number;
    isRetryable?: boolean;
    retryAfterMs?: number;
    cause?: unknown;
  }) {
    super({ name: 'BackendCallError', message: options.message, cause: options.cause });
    this.code = options.code;
    this.backend = options.backend;
    this.phase = options.phase;
    this.status = options.status;
    this.isRetryable = options.isRetryable ?? defaultRetryable(options.code);
    this.retryAfterMs = options.retryAfterMs;
  }

  /** A JSON-friendly form for logs and ledgers (no secrets, no request content). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      code: this.code,
      backend: this.backend,
      phase: this.phase,
      status: this.status,
      isRetryable: this.isRetryable,
      retryAfterMs: this.retryAfterMs,
    };
  }

  static isInstance(error: unknown): error is BackendCallError {
    return SwitchyardError.hasMarker(error, marker);
  }
}

function defaultRetryable(code: BackendErrorCode): boolean {
  return (
    code === 'rate-limited' ||
    code === 'overloaded' ||
    code === 'unavailable' ||
    code === 'timeout' ||
    code === 'network'
  );
}
