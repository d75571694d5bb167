/** Thrown by {@link raceSignal} when the signal wins; the executor turns it into a classified error. */
export class SignalAbortedError extends Error {
  constructor() {
    super('the call was aborted');
    this.name = 'SignalAbortedError';
  }
}

/**
 * Settles like `promise`, or rejects with {@link SignalAbortedError} as soon as `signal` aborts —
 * so a timeout holds even against a backend that ignores its signal. A promise that loses the race
 * is not left dangling: its rejection is swallowed, and its late value handed to `onLateValue`
 * (to close a stream nobody will read).
 *
 * @example
 * const result = await raceSignal(backend.doStream(call), call.signal, (late) => late.stream[Symbol.asyncIterator]().return?.());
 */
export function raceSignal<T>(
  promise: Promise<T>,
  signal: AbortSignal,
  onLateValue?: (value: T) => void,
): Promise<T> {
  if (signal.aborted) {
    promise.then(onLateValue, ignore);
    return Promise.reject(new SignalAbortedError());
  }
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const onAbort = () => {
      if (settled) return;
      settled = true;
      reject(new SignalAbortedError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (settled) {
          onLateValue?.(value);
          return;
        }
        settled = true;
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        if (settled) return;
        settled = true;
        reject(error);
      },
    );
  });
}

function ignore(): void {}
