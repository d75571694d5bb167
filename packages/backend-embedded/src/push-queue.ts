type Pending<T> = { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void };

/**
 * Turns pushed values (callbacks from a running generation) into an async iterable for one
 * consumer. Values are buffered until read; `end()` finishes the iteration after the buffer
 * drains, `fail(error)` throws `error` after it. When the consumer stops early (`break`,
 * `return()`), `onCancel` runs so the producer can stop.
 *
 * @example
 * const queue = new PushQueue<string>(() => controller.abort());
 * queue.push('Hello'); queue.end();
 * for await (const text of queue) console.log(text);
 */
export class PushQueue<T> implements AsyncIterable<T> {
  readonly #buffer: T[] = [];
  readonly #onCancel: () => void;
  #pending: Pending<T> | undefined;
  #state: { type: 'open' } | { type: 'ended' } | { type: 'failed'; error: unknown } = { type: 'open' };
  #iterated = false;

  constructor(onCancel: () => void) {
    this.#onCancel = onCancel;
  }

  /** Adds a value (ignored once the queue ended or failed). */
  push(value: T): void {
    if (this.#state.type !== 'open') return;
    if (this.#pending !== undefined) {
      const pending = this.#pending;
      this.#pending = undefined;
      pending.resolve({ value, done: false });
      return;
    }
    this.#buffer.push(value);
  }

  /** Ends the iteration once buffered values are read. */
  end(): void {
    this.#settle({ type: 'ended' });
  }

  /** Makes the iteration throw `error` once buffered values are read. */
  fail(error: unknown): void {
    this.#settle({ type: 'failed', error });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.#iterated) throw new Error('This stream can be iterated only once');
    this.#iterated = true;
    return {
      next: () => this.#next(),
      return: async (): Promise<IteratorResult<T>> => {
        if (this.#state.type === 'open') {
          this.#state = { type: 'ended' };
          this.#onCancel();
        }
        this.#buffer.length = 0;
        return { value: undefined, done: true };
      },
    };
  }

  #next(): Promise<IteratorResult<T>> {
    if (this.#buffer.length > 0) return Promise.resolve({ value: this.#buffer.shift() as T, done: false });
    if (this.#state.type === 'ended') return Promise.resolve({ value: undefined, done: true });
    if (this.#state.type === 'failed') {
      const { error } = this.#state;
      this.#state = { type: 'ended' };
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject };
    });
  }

  #settle(state: { type: 'ended' } | { type: 'failed'; error: unknown }): void {
    if (this.#state.type !== 'open') return;
    this.#state = state;
    const pending = this.#pending;
    if (pending === undefined) return;
    this.#pending = undefined;
    if (state.type === 'failed') {
      this.#state = { type: 'ended' };
      pending.reject(state.error);
    } else {
      pending.resolve({ value: undefined, done: true });
    }
  }
}
