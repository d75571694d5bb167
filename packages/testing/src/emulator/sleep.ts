/**
 * Waits `ms` milliseconds unless `signal` aborts first. Never rejects: resolves `true` when the
 * time passed, `false` when aborted.
 *
 * @example
 * if (!(await sleep(50, exchange.signal))) return; // client went away
 */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Resolves when `signal` aborts (never rejects).
 *
 * @example
 * await untilAborted(exchange.signal); // a hung request
 */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
