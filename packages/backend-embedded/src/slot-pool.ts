type Waiter<T> = {
  readonly resolve: (slot: T) => void;
  readonly reject: (error: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
};

/**
 * A fixed set of slots (context sequences) handed out one request at a time, first come first
 * served. `acquire` waits for a free slot; an aborted wait leaves the queue at once and rejects
 * with the signal's reason. A slot is never held by two requests, and every waiter gets exactly
 * one slot or one rejection.
 *
 * @example
 * const pool = new SlotPool([sequenceA, sequenceB]);
 * const sequence = await pool.acquire(signal);
 * try { … } finally { pool.release(sequence); }
 */
export class SlotPool<T> {
  readonly #free: T[];
  readonly #waiters: Waiter<T>[] = [];
  readonly #size: number;
  #closedWith: unknown;

  constructor(slots: readonly T[]) {
    this.#free = [...slots];
    this.#size = slots.length;
  }

  /** Slots in the pool. */
  get size(): number {
    return this.#size;
  }

  /** Slots handed out now. */
  get busy(): number {
    return this.#size - this.#free.length;
  }

  /** Requests waiting for a slot. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /**
   * Waits for a free slot. When several are free, the one `preference` scores highest is taken
   * (ties: the one free longest) — e.g. the sequence whose cached tokens share the longest prefix
   * with the prompt. Rejects with `signal.reason` when aborted, or after `close`.
   */
  acquire(signal?: AbortSignal, preference?: (slot: T) => number): Promise<T> {
    if (this.#closedWith !== undefined) return Promise.reject(this.#closedWith);
    if (signal?.aborted === true) return Promise.reject(signal.reason);
    if (this.#free.length > 0) {
      let best = 0;
      if (preference !== undefined) {
        let bestScore = Number.NEGATIVE_INFINITY;
        this.#free.forEach((slot, index) => {
          const score = preference(slot);
          if (score > bestScore) [best, bestScore] = [index, score];
        });
      }
      return Promise.resolve(this.#free.splice(best, 1)[0] as T);
    }
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.#waiters.indexOf(waiter);
          if (index >= 0) this.#waiters.splice(index, 1);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  /** Returns a slot: the longest waiter gets it, else it becomes free. */
  release(slot: T): void {
    const waiter = this.#waiters.shift();
    if (waiter === undefined) {
      this.#free.push(slot);
      return;
    }
    waiter.signal?.removeEventListener('abort', waiter.onAbort);
    waiter.resolve(slot);
  }

  /** Rejects every waiter and every later `acquire` with `error`. */
  close(error: unknown): void {
    this.#closedWith = error;
    for (const waiter of this.#waiters.splice(0)) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.reject(error);
    }
  }
}
