import type { HealthTimers } from '../health-timers.js';

/** A manual clock with timers, for tests. */
export type FakeClock = HealthTimers & {
  now(): number;
  /** Timers waiting to fire. */
  readonly pending: number;
  /** Moves time forward, firing due timers in order and letting promises settle after each. */
  advance(milliseconds: number): Promise<void>;
  /** Lets pending promise callbacks run without moving time. */
  settle(): Promise<void>;
};

/**
 * Creates a fake clock starting at `start` ms.
 *
 * @example
 * const clock = createFakeClock();
 * const monitor = createHealthMonitor({ ..., now: clock.now, setTimer: clock.setTimer, clearTimer: clock.clearTimer });
 * await clock.advance(30_000);
 */
export function createFakeClock(start = 0): FakeClock {
  let time = start;
  let sequence = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();

  async function settle(): Promise<void> {
    for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  }

  return {
    now: () => time,
    get pending() {
      return timers.size;
    },
    setTimer(callback, milliseconds) {
      sequence += 1;
      timers.set(sequence, { at: time + milliseconds, callback });
      return sequence;
    },
    clearTimer(handle) {
      timers.delete(handle as number);
    },
    settle,
    async advance(milliseconds) {
      const until = time + milliseconds;
      await settle();
      for (;;) {
        let next: [number, { at: number; callback: () => void }] | undefined;
        for (const entry of timers) {
          if (entry[1].at <= until && (next === undefined || entry[1].at < next[1].at)) next = entry;
        }
        if (next === undefined) break;
        timers.delete(next[0]);
        time = next[1].at;
        next[1].callback();
        await settle();
      }
      time = until;
    },
  };
}
