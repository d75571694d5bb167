import { BackendCallError, type BackendErrorPhase } from '@switchyard/core';
import { classifyError, type ErrorClassifier } from './classify-error.js';
import { extractErrorDetails } from './extract-error-details.js';
import { type HeaderReader, parseRetryAfter } from './parse-retry-after.js';
import { redactSecrets } from './redact-secrets.js';

/** Longest server message kept in an error; servers sometimes echo the whole request. */
const maximumMessageLength = 400;

/** Who failed and how to describe it: shared by every error an adapter builds. */
export type ErrorContext = {
  /** Backend id (goes into `BackendCallError.backend`). */
  readonly backend: string;
  /** Secrets to redact verbatim (the API key, auth header values). */
  readonly secrets?: readonly (string | undefined)[];
  /** The dialect's error quirks, consulted before the generic classification. */
  readonly classifier?: ErrorClassifier;
  /**
   * Response header carrying the server's request id (Anthropic: `request-id`), read when the body
   * names none. The id is appended to the message (`(request-id req_…)`) for support tickets.
   */
  readonly requestIdHeader?: string;
};

/** A failed answer: an HTTP error response, or an error object inside a 200 stream. */
export type ErrorResponse = {
  /** HTTP status (for in-stream errors: the 200 the stream started with, or undefined). */
  readonly status?: number;
  readonly statusText?: string;
  /** The body as text or already parsed JSON. */
  readonly body: unknown;
  readonly headers?: HeaderReader;
  readonly phase: BackendErrorPhase;
};

/**
 * Turns an error response into a classified `BackendCallError`: reads the body shape, runs the
 * dialect's classifier then the generic one, parses Retry-After, appends the server's request id
 * when it gave one, and redacts key-like text. The message never carries request content: server
 * echoes are cut and long messages truncated.
 *
 * @example
 * throw toBackendCallError(
 *   { status: 429, body: await response.text(), headers: response.headers, phase: 'headers' },
 *   { backend: 'openai', secrets: [apiKey] },
 * );
 */
export function toBackendCallError(response: ErrorResponse, context: ErrorContext): BackendCallError {
  const details = extractErrorDetails(response.body);
  const httpStatus = response.status !== undefined && response.status >= 400 ? response.status : undefined;
  const status = httpStatus ?? details.statusInBody;
  const classification = context.classifier?.({ status, details }) ?? classifyError({ status, details });
  const serverMessage = cleanMessage(details.message, context.secrets);
  const provider = details.metadata?.provider_name;
  const requestId = details.requestId ?? requestIdFromHeaders(response.headers, context.requestIdHeader);
  const parts = [
    serverMessage === '' ? describeEmpty(response) : serverMessage,
    typeof provider === 'string' ? `(provider: ${provider})` : '',
    classification.hint === undefined ? '' : `(${classification.hint})`,
    requestId === undefined ? '' : `(request-id ${redactSecrets(requestId, context.secrets)})`,
  ];
  const retryAfterMs = response.headers === undefined ? undefined : parseRetryAfter(response.headers);
  return new BackendCallError({
    message: parts.filter((part) => part !== '').join(' '),
    code: classification.code,
    backend: context.backend,
    phase: response.phase,
    status,
    isRetryable: classification.isRetryable,
    retryAfterMs,
  });
}

function cleanMessage(message: string, secrets: readonly (string | undefined)[] | undefined): string {
  // A proxy's HTML error page says nothing useful and can be long.
  if (/^\s*<(!doctype|html)/i.test(message)) return '';
  // llama.cpp (2025 builds) appends `; messages = [ …the whole request… ]` to some errors.
  const withoutEcho = message.replace(/;?\s*messages\s*=\s*\[[\s\S]*$/, '').trim();
  const redacted = redactSecrets(withoutEcho, secrets);
  return redacted.length > maximumMessageLength ? `${redacted.slice(0, maximumMessageLength)}…` : redacted;
}

function requestIdFromHeaders(
  headers: HeaderReader | undefined,
  name: string | undefined,
): string | undefined {
  if (headers === undefined || name === undefined) return undefined;
  const value = headers.get(name)?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function describeEmpty(response: ErrorResponse): string {
  if (response.status === undefined || response.status < 400) return 'error reported without a message';
  return `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} with no error message`;
}
