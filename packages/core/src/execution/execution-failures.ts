import { BackendCallError } from '../errors/backend-call-error.js';
import type { ExecutionError } from '../errors/execution-error.js';
import type { Candidate } from '../spec/target.js';
import type { RequestRun } from './executor-context.js';

/**
 * The error for a request the caller aborted: code `aborted`, nothing tried further.
 *
 * @example
 * if (run.signal?.aborted) throw abortedError(run);
 */
export function abortedError(run: RequestRun, cause?: BackendCallError): ExecutionError {
  return run.recorder.error({
    failure: 'aborted',
    code: 'aborted',
    summary: 'aborted by the caller',
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * The error for a call whose failure makes other targets pointless: `invalid-request` (the same
 * request would be refused everywhere) or `unauthorized` (the credentials need fixing).
 *
 * @example
 * if (errorAction(error) === 'stop') throw stoppedError(run, candidate, error);
 */
export function stoppedError(run: RequestRun, candidate: Candidate, error: BackendCallError): ExecutionError {
  const where = `target '${candidate.target.id}' (backend '${candidate.target.backend}')`;
  const summary =
    error.code === 'unauthorized'
      ? `${where} refused the credentials: ${error.message}; no other target was tried — check the backend's API key`
      : `${where} rejected the request as invalid: ${error.message}; no other target was tried, since the request itself is at fault`;
  return run.recorder.error({ failure: 'stopped', code: error.code, summary, cause: error });
}

/**
 * The error for a request every hop failed (or was passed over) for. Its code is the last call's
 * error code (`invalid-output` when the last answers failed validation; `overloaded` when every
 * hop was saturated; `unavailable` when every circuit was open).
 *
 * @example
 * throw exhaustedError(run, { lastError, lastCandidate });
 */
export function exhaustedError(
  run: RequestRun,
  last: {
    readonly error?: BackendCallError | undefined;
    readonly candidate?: Candidate | undefined;
    readonly validationErrors?: readonly string[] | undefined;
    readonly skipCause?: 'circuit-open' | 'saturated' | undefined;
  },
): ExecutionError {
  const hops = run.decision.chain.length;
  const tried = `${hops} ${hops === 1 ? 'target' : 'targets'} in the route`;
  if (last.validationErrors !== undefined && last.error?.code === 'invalid-output') {
    const shown = last.validationErrors.slice(0, 5).join('; ');
    const more = last.validationErrors.length > 5 ? ` (+${last.validationErrors.length - 5} more)` : '';
    return run.recorder.error({
      failure: 'exhausted',
      code: 'invalid-output',
      summary: `no target produced valid structured output (${tried}); last answer: ${shown}${more}`,
      cause: last.error,
      validationErrors: last.validationErrors,
    });
  }
  if (last.error !== undefined) {
    const where = last.candidate === undefined ? '' : ` from '${last.candidate.target.id}'`;
    return run.recorder.error({
      failure: 'exhausted',
      code: last.error.code,
      summary: `every target failed (${tried}); last error${where}: ${last.error.code}: ${last.error.message}`,
      cause: last.error,
    });
  }
  const saturated = last.skipCause === 'saturated';
  return run.recorder.error({
    failure: 'exhausted',
    code: saturated ? 'overloaded' : 'unavailable',
    summary: saturated
      ? `no target had a free slot (${tried})`
      : `no target could be tried (${tried}): their circuits are open`,
  });
}

/**
 * The error for a failure that is nobody's classified error — a bug in the executor or an adapter
 * that escaped classification — surfaced as the request's error (code `unknown`) rather than lost.
 *
 * @example
 * catch (error) { throw ExecutionError.isInstance(error) ? error : unexpectedError(run, error); }
 */
export function unexpectedError(run: RequestRun, error: unknown): ExecutionError {
  const detail = error instanceof Error ? error.message : String(error);
  return run.recorder.error({
    failure: 'exhausted',
    code: 'unknown',
    summary: `the executor failed unexpectedly: ${detail}`,
    cause: new BackendCallError({
      message: detail,
      code: 'unknown',
      backend: 'switchyard',
      phase: 'connect',
      cause: error,
    }),
  });
}
