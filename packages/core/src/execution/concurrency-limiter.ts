/** Gives a slot back. Calling it twice is harmless. */
export type ReleaseSlot = () => void;

/** The outcome of asking for a slot. */
export type SlotGrant =
  | { readonly granted: true; readonly release: ReleaseSlot; readonly waitedMs: number }
  | {
      readonly granted: false;
      /** `queue-full`: no room to wait; `queue-timeout`: waited too long; `aborted`: the caller gave up. */
      readonly reason: 'queue-full' | 'queue-timeout' | 'aborted';
      readonly detail: string;
    };

/** In-flight and waiting counts of one target. */
export type SlotUsage = { readonly active: number; readonly queued: number };

/** Per-target concurrency limits with a bounded FIFO queue. */
export type ConcurrencyLimiter = {
  /**
   * Takes a slot on the target, waiting in line (FIFO) when `limit` calls are in flight. Never
   * rejects: a full queue, a wait past the queue timeout, or an abort answer `granted: false`.
   * With no limit the slot is granted at once (and still counted).
   */
  acquire(targetId: string, limit: number | undefined, signal?: AbortSignal): Promise<SlotGrant>;
  usage(targetId: string): SlotUsage;
};

type Waiter = {
  readonly grant: (release: ReleaseSlot) => void;
};

type Lane = { active: number; readonly queue: Waiter[] };

/**
 * Creates the limiter the executor uses for `target.maxConcurrency`: at most `limit` calls in
 * flight per target, up to `queueLimit` more waiting in order, each for at most `queueTimeoutMs`.
 * A released slot passes straight to the first waiter.
 *
 * @example
 * const limiter = createConcurrencyLimiter({ queueLimit: 16, queueTimeoutMs: 5_000, now: Date.now });
 * const slot = await limiter.acquire('local-8b', 2, signal);
 * if (slot.granted) try { await call(); } finally { slot.release(); }
 */
export function createConcurrencyLimiter(options: {
  readonly queueLimit: number;
  readonly queueTimeoutMs: number;
  readonly now: () => number;
}): ConcurrencyLimiter {
  const lanes = new Map<string, Lane>();

  function laneOf(targetId: string): Lane {
    let lane = lanes.get(targetId);
    if (lane === undefined) {
      lane = { active: 0, queue: [] };
      lanes.set(targetId, lane);
    }
    return lane;
  }

  function releaserFor(lane: Lane): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = lane.queue.shift();
      if (next === undefined) lane.active -= 1;
      else next.grant(releaserFor(lane));
    };
  }

  return {
    usage(targetId) {
      const lane = lanes.get(targetId);
      return { active: lane?.active ?? 0, queued: lane?.queue.length ?? 0 };
    },

    acquire(targetId, limit, signal) {
      const lane = laneOf(targetId);
      if (signal?.aborted) {
        return Promise.resolve({
          granted: false,
          reason: 'aborted',
          detail: 'aborted before a slot was taken',
        });
      }
      if (limit === undefined || lane.active < limit) {
        lane.active += 1;
        return Promise.resolve({ granted: true, release: releaserFor(lane), waitedMs: 0 });
      }
      if (lane.queue.length >= options.queueLimit) {
        return Promise.resolve({
          granted: false,
          reason: 'queue-full',
          detail: `${lane.active} calls in flight (limit ${limit}) and ${lane.queue.length} waiting (queue limit ${options.queueLimit})`,
        });
      }
      const startedAt = options.now();
      return new Promise<SlotGrant>((resolve) => {
        const leave = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          const index = lane.queue.indexOf(waiter);
          if (index >= 0) lane.queue.splice(index, 1);
        };
        const waiter: Waiter = {
          grant(release) {
            leave();
            resolve({ granted: true, release, waitedMs: options.now() - startedAt });
          },
        };
        const onAbort = () => {
          leave();
          resolve({ granted: false, reason: 'aborted', detail: 'aborted while waiting for a slot' });
        };
        const timer = setTimeout(() => {
          leave();
          resolve({
            granted: false,
            reason: 'queue-timeout',
            detail: `no free slot within ${options.queueTimeoutMs} ms (limit ${limit})`,
          });
        }, options.queueTimeoutMs);
        signal?.addEventListener('abort', onAbort, { once: true });
        lane.queue.push(waiter);
      });
    },
  };
}
