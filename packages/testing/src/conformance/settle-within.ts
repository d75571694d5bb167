/** How a promise settled within a deadline. */
export type Settlement<T> =
  | { readonly status: 'fulfilled'; readonly value: T; readonly elapsedMs: number }
  | { readonly status: 'rejected'; readonly error: unknown; readonly elapsedMs: number }
  | { readonly status: 'pending'; readonly elapsedMs: number };

/**
 * Waits for `promise` at most `deadlineMs` and says how it settled and how long it took, so a
 * test can fail with "still pending after 2000 ms" instead of hanging until its own timeout.
 *
 * @example
 * controller.abort();
 * const settled = await settleWithin(call, 2000);
 * expect(settled.status).toBe('rejected');
 */
export async function settleWithin<T>(promise: Promise<T>, deadlineMs: number): Promise<Settlement<T>> {
  const startedAt = performance.now();
  const elapsed = () => Math.round(performance.now() - startedAt);
  let timer: NodeJS.Timeout | undefined;
  const pending = new Promise<Settlement<T>>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'pending', elapsedMs: elapsed() }), deadlineMs);
  });
  const settled = promise.then(
    (value): Settlement<T> => ({ status: 'fulfilled', value, elapsedMs: elapsed() }),
    (error: unknown): Settlement<T> => ({ status: 'rejected', error, elapsedMs: elapsed() }),
  );
  try {
    return await Promise.race([settled, pending]);
  } finally {
    clearTimeout(timer);
  }
}
