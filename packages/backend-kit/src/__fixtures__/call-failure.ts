import { BackendCallError, type StreamPart } from '@switchyard/core';

/**
 * Test-only: the `BackendCallError` a promise rejects with. Fails the test when it resolves or
 * rejects with anything else, so an assertion on the error can never pass vacuously.
 */
export async function failure(promise: Promise<unknown>): Promise<BackendCallError> {
  try {
    await promise;
  } catch (error) {
    if (BackendCallError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a BackendCallError');
}

/** Test-only: drains a stream that must fail, keeping the parts seen before the failure. */
export async function drainUntilFailure(
  stream: AsyncIterable<StreamPart>,
): Promise<{ seen: StreamPart[]; error: BackendCallError }> {
  const seen: StreamPart[] = [];
  const error = await failure(
    (async () => {
      for await (const part of stream) seen.push(part);
    })(),
  );
  return { seen, error };
}
