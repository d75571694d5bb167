import type { BackendCallError } from '../errors/backend-call-error.js';

/**
 * What the executor does about a failed call: call the same target again (`retry`), move on to the
 * next hop (`fail-over`), move on to the next hop with a larger context window (`re-route`), or
 * give up at once (`stop`) because the request itself is at fault and every target would refuse it.
 */
export type ErrorAction = 'retry' | 'fail-over' | 're-route' | 'stop';

/**
 * Decides what to do about a classified backend error. Retryable errors (rate-limited, overloaded,
 * unavailable, timeout, network — or whatever the adapter marked `isRetryable`) are retried on the
 * same target; `context-length-exceeded` re-routes; `invalid-request` and `unauthorized` stop;
 * everything else (quota-exhausted, model-not-found, unsupported, invalid-output, unknown) fails
 * over. The caller's own abort is handled before this is asked.
 *
 * @example
 * errorAction(new BackendCallError({ code: 'overloaded', backend: 'ollama', phase: 'headers', message: '503' }));
 * // 'retry'
 */
export function errorAction(error: BackendCallError): ErrorAction {
  switch (error.code) {
    case 'invalid-request':
    case 'unauthorized':
      return 'stop';
    case 'context-length-exceeded':
      return 're-route';
    default:
      return error.isRetryable ? 'retry' : 'fail-over';
  }
}
