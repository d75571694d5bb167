import { BackendCallError, type BackendErrorPhase } from '@switchyard/core';
import { redactSecrets } from './redact-secrets.js';

/** Where a fetch failure happened, for {@link mapFetchError}. */
export type FetchFailureContext = {
  readonly backend: string;
  /** The URL that was called (redacted before it goes into a message). */
  readonly url: string;
  /** The signal the call ran under; its reason decides `aborted` vs `timeout`. */
  readonly signal?: AbortSignal;
  readonly phase: BackendErrorPhase;
  readonly secrets?: readonly (string | undefined)[];
};

const connectCodes: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found (DNS)',
  EAI_AGAIN: 'DNS lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CLOSED: 'connection closed',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate not trusted',
};

const timeoutCodes: Record<string, string> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time (undici headersTimeout)',
  UND_ERR_BODY_TIMEOUT: 'body stalled (undici bodyTimeout)',
  ETIMEDOUT: 'connection timed out',
};

/**
 * Classifies a thrown fetch or body-read failure: an aborted signal gives `aborted` (or `timeout`
 * when the signal's reason is a `TimeoutError`, as from `AbortSignal.timeout`), socket errors give
 * `network` (ECONNREFUSED, reset, DNS…), undici timeouts give `timeout`. Already classified
 * `BackendCallError`s pass through.
 *
 * @example
 * try { await fetch(url, { signal }); }
 * catch (error) { throw mapFetchError(error, { backend: 'vllm', url, signal, phase: 'connect' }); }
 */
export function mapFetchError(error: unknown, context: FetchFailureContext): BackendCallError {
  if (BackendCallError.isInstance(error)) return error;
  const url = redactSecrets(context.url, context.secrets);
  const base = { backend: context.backend, phase: context.phase, cause: error };
  if (context.signal?.aborted === true || isAbortError(error)) {
    const reason = context.signal?.aborted === true ? context.signal.reason : error;
    if (isTimeoutError(reason)) {
      return new BackendCallError({
        ...base,
        code: 'timeout',
        message: `timed out calling ${url}${reasonText(reason)}`,
      });
    }
    return new BackendCallError({
      ...base,
      code: 'aborted',
      message: `call to ${url} was aborted${reasonText(reason)}`,
    });
  }
  const code = errorCodeOf(error);
  if (code !== undefined && code in timeoutCodes) {
    return new BackendCallError({
      ...base,
      code: 'timeout',
      message: `${timeoutCodes[code]} calling ${url}`,
    });
  }
  const description = code === undefined ? undefined : (connectCodes[code] ?? code);
  const detail = description ?? redactSecrets(messageOf(error), context.secrets);
  const verb = context.phase === 'stream' ? 'stream from' : 'cannot reach';
  return new BackendCallError({ ...base, code: 'network', message: `${verb} ${url}: ${detail}` });
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

function isTimeoutError(reason: unknown): boolean {
  return (
    typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'TimeoutError'
  );
}

function reasonText(reason: unknown): string {
  if (!(reason instanceof Error) || reason.message === '' || /operation was aborted/i.test(reason.message)) {
    return '';
  }
  return `: ${reason.message}`;
}

/** Finds `code` on the error, its `cause`, or the first of an AggregateError's errors (happy eyeballs). */
function errorCodeOf(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof record.code === 'string') return record.code;
  if (Array.isArray(record.errors) && record.errors.length > 0)
    return errorCodeOf(record.errors[0], depth + 1);
  return errorCodeOf(record.cause, depth + 1);
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
