import { BackendCallError } from '@switchyard/core';

/**
 * The error for a stream that went wrong after its 200 (phase `stream`): `network` when it
 * stopped early (cut connection, missing end marker; retryable — though the executor never
 * retries once output reached the caller), `invalid-output` when the server sent something
 * unreadable (not retryable).
 *
 * @example
 * throw streamFailure({ backend: 'vllm' }, 'network', 'the stream ended without [DONE] (after 12 chunks)');
 */
export function streamFailure(
  context: { readonly backend: string },
  code: 'network' | 'invalid-output',
  message: string,
  cause?: unknown,
): BackendCallError {
  return new BackendCallError({
    message,
    code,
    backend: context.backend,
    phase: 'stream',
    isRetryable: code === 'network',
    ...(cause === undefined ? {} : { cause }),
  });
}
