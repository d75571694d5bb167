import { BackendCallError } from '../errors/backend-call-error.js';
import type { BackendV1 } from '../spec/backend.js';
import type { Candidate } from '../spec/target.js';

/**
 * A target whose backend id has no adapter: a configuration mistake, reported on that hop as
 * `unsupported` so the request can still be served by the next one.
 *
 * @example
 * if (backend === undefined) throw missingBackend(candidate);
 */
export function missingBackend(candidate: Candidate): BackendCallError {
  return new BackendCallError({
    message: `no backend '${candidate.target.backend}' is registered for target '${candidate.target.id}' (pass it in createRouter({ backends }))`,
    code: 'unsupported',
    backend: candidate.target.backend,
    phase: 'connect',
    isRetryable: false,
  });
}

/**
 * The adapter serving a candidate's target (own keys only), or `undefined`.
 *
 * @example
 * const backend = backendFor(context.backends, candidate);
 */
export function backendFor(
  backends: Readonly<Record<string, BackendV1>>,
  candidate: Candidate,
): BackendV1 | undefined {
  return Object.hasOwn(backends, candidate.target.backend) ? backends[candidate.target.backend] : undefined;
}
