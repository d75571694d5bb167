import type { HealthTimers } from './health-timers.js';

/** How a {@link runWithTimeout} task ended. */
export type TimedOutcome<T> =
  | { readonly status: 'done'; readonly value: T }
  | { readonly status: 'failed'; readonly error: unknown }
  | { readonly status: 'timeout' }
  | { readonly status: 'aborted' };

/**
 * Runs `task` with an abort signal that fires after `timeoutMs` or when `signal` aborts, and
 * settles at that moment even if the task ignores its signal. Never rejects.
 *
 * @example
 * const outcome = await runWithTimeout((signal) => backend.probe({ signal }), { timeoutMs: 2000, timers });
 * if (outcome.status === 'timeout') console.log('no answer within 2 s');
 */
export function runWithTimeout<T>(
  task: (signal: AbortSignal) => Promise<T>,
  options: { readonly timeoutMs: number; readonly timers: HealthTimers; readonly signal?: AbortSignal },
): Promise<TimedOutcome<T>> {
  const { timers, signal } = options;
  if (signal?.aborted) return Promise.resolve({ status: 'aborted' });
  const controller = new AbortController();
  return new Promise<TimedOutcome<T>>((resolve) => {
    let settled = false;
    const finish = (outcome: TimedOutcome<T>) => {
      if (settled) return;
      settled = true;
      timers.clearTimer(timer);
      signal?.removeEventListener('abort', onAbort);
      if (outcome.status === 'timeout' || outcome.status === 'aborted') controller.abort(outcome.status);
      resolve(outcome);
    };
    const onAbort = () => finish({ status: 'aborted' });
    const timer = timers.setTimer(() => finish({ status: 'timeout' }), options.timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    let running: Promise<T>;
    try {
      running = task(controller.signal);
    } catch (error) {
      finish({ status: 'failed', error });
      return;
    }
    running.then(
      (value) => finish({ status: 'done', value }),
      (error: unknown) => finish({ status: 'failed', error }),
    );
  });
}

/**
 * Waits `milliseconds` on the given timers, or less when `signal` aborts. Never rejects.
 *
 * @example
 * await pause(500, timers, signal);
 */
export function pause(milliseconds: number, timers: HealthTimers, signal?: AbortSignal): Promise<void> {
  if (milliseconds <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      timers.clearTimer(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = timers.setTimer(done, milliseconds);
    signal?.addEventListener('abort', done, { once: true });
  });
}
