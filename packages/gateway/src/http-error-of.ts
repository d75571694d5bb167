import {
  BackendCallError,
  ExecutionError,
  InvalidRequestError,
  NoRouteError,
  PolicyError,
} from '@switchyard/core';
import type { AbortReason } from './abort-reason.js';
import { GatewayHttpError } from './gateway-http-error.js';

/** Error codes that mean "try again later" rather than "down": answered with 429. */
const rateLimitCodes = new Set(['rate-limited', 'quota-exhausted']);

/**
 * Maps anything a chat request can throw to the HTTP answer: 400 invalid request (naming the
 * field), 422 no route (with every policy's rejection), 429 when every failed call was rate
 * limited (with `Retry-After`), 503 when every target is saturated or down, 504 when the deadline
 * passed or every target timed out, 502 for an upstream's invalid output or refused credentials,
 * 500 for a gateway bug. `redact` cleans messages that came from upstream servers.
 *
 * @example
 * const httpError = httpErrorOf(error, { abortReason: undefined, redact: (text) => text });
 * response.writeHead(httpError.status, httpError.headers).end(JSON.stringify(httpError.toBody()));
 */
export function httpErrorOf(
  error: unknown,
  context: { readonly abortReason: AbortReason | undefined; readonly redact: (text: string) => string },
): GatewayHttpError {
  if (error instanceof GatewayHttpError) return error;
  if (context.abortReason === 'deadline') return deadlineError();
  if (context.abortReason === 'shutdown') return shuttingDownError();
  if (InvalidRequestError.isInstance(error)) {
    return new GatewayHttpError({
      status: 400,
      type: 'invalid_request_error',
      code: 'invalid_value',
      param: error.param,
      message: error.message,
    });
  }
  if (NoRouteError.isInstance(error)) {
    return new GatewayHttpError({
      status: 422,
      type: 'invalid_request_error',
      code: 'no_route',
      message: error.message,
      detail: error.toJSON(),
    });
  }
  if (PolicyError.isInstance(error)) {
    return new GatewayHttpError({
      status: 500,
      type: 'server_error',
      code: 'policy_error',
      message: error.message,
    });
  }
  if (BackendCallError.isInstance(error)) return callHttpError(error, context.redact);
  return new GatewayHttpError({
    status: 500,
    type: 'server_error',
    code: 'internal_error',
    message: 'the gateway failed unexpectedly; the error is in its log',
  });
}

/** The 504 of a request whose deadline passed. */
export function deadlineError(): GatewayHttpError {
  return new GatewayHttpError({
    status: 504,
    type: 'timeout_error',
    code: 'deadline_exceeded',
    message: 'the request did not complete within the gateway deadline',
  });
}

/** The 503 of a request cut short because the gateway is shutting down. */
export function shuttingDownError(): GatewayHttpError {
  return new GatewayHttpError({
    status: 503,
    type: 'server_error',
    code: 'shutting_down',
    message: 'the gateway is shutting down; retry on another instance',
    headers: { connection: 'close' },
  });
}

function callHttpError(error: BackendCallError, redact: (text: string) => string): GatewayHttpError {
  const message = redact(error.message);
  const execution = ExecutionError.isInstance(error) ? error : undefined;
  const detail =
    execution === undefined
      ? undefined
      : { failure: execution.failure, attempts: execution.attempts, errorCode: error.code };
  const answer = (
    status: number,
    type: GatewayHttpError['type'],
    code: string,
    extra: { param?: string; headers?: Record<string, string> } = {},
  ) => new GatewayHttpError({ status, type, code, message, detail, ...extra });

  switch (error.code) {
    case 'invalid-request':
      return answer(400, 'invalid_request_error', 'upstream_invalid_request');
    case 'context-length-exceeded':
      return answer(400, 'invalid_request_error', 'context_length_exceeded', { param: 'messages' });
    case 'unsupported':
      return answer(422, 'invalid_request_error', 'unsupported');
    case 'invalid-output':
      return answer(502, 'server_error', 'invalid_upstream_output');
    case 'unauthorized':
      return answer(502, 'server_error', 'upstream_unauthorized');
    case 'model-not-found':
      return answer(502, 'server_error', 'upstream_model_not_found');
    case 'unknown':
      return answer(502, 'server_error', 'upstream_error');
    case 'aborted':
      return answer(499, 'invalid_request_error', 'client_closed_request');
    default:
      break;
  }
  if (allRateLimited(execution, error)) {
    const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 1000) / 1000));
    return answer(429, 'rate_limit_error', 'rate_limited', { headers: { 'retry-after': String(seconds) } });
  }
  if (error.code === 'timeout') return answer(504, 'timeout_error', 'upstream_timeout');
  return answer(503, 'server_error', 'no_target_available');
}

/** True when the calls that failed all failed for rate limits or quota (at least one did). */
function allRateLimited(execution: ExecutionError | undefined, error: BackendCallError): boolean {
  if (execution === undefined) return rateLimitCodes.has(error.code);
  let limited = 0;
  for (const attempt of execution.attempts) {
    if (attempt.errorCode === undefined) continue;
    if (!rateLimitCodes.has(attempt.errorCode)) return false;
    limited += 1;
  }
  return limited > 0;
}
