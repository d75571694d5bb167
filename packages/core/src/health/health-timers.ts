/**
 * Timer functions the health monitor and warm-up use, injectable so tests drive them with a fake
 * clock. A handle is whatever `setTimer` returns.
 */
export type HealthTimers = {
  readonly setTimer: (callback: () => void, milliseconds: number) => unknown;
  readonly clearTimer: (handle: unknown) => void;
};

/**
 * Node timers that do not keep the process alive (`unref`): a health check never holds up an exit.
 *
 * @example
 * const handle = unrefTimers.setTimer(() => check(), 30_000);
 * unrefTimers.clearTimer(handle);
 */
export const unrefTimers: HealthTimers = {
  setTimer: (callback, milliseconds) => {
    const handle = setTimeout(callback, milliseconds);
    handle.unref();
    return handle;
  },
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
