import type { Fault } from './fault.js';

type Entry = { readonly fault: Fault; remaining: number };

/**
 * The armed faults of one emulator. `take` hands out the first armed fault matching a path and
 * counts it down; faults are checked in the order they were armed.
 *
 * @example
 * const queue = new FaultQueue();
 * queue.add({ type: 'status', status: 429, times: 2 });
 * queue.take('/v1/chat/completions', true); // the 429 fault (1 left)
 */
export class FaultQueue {
  readonly #entries: Entry[] = [];

  add(fault: Fault): void {
    assertValidFault(fault);
    this.#entries.push({ fault, remaining: fault.times ?? 1 });
  }

  clear(): void {
    this.#entries.length = 0;
  }

  /** The fault for a request to `path`; `isGeneration` says whether it is a chat endpoint. */
  take(path: string, isGeneration: boolean): Fault | undefined {
    const index = this.#entries.findIndex((entry) => matches(entry.fault, path, isGeneration));
    const entry = this.#entries[index];
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.#entries.splice(index, 1);
    return entry.fault;
  }
}

function matches(fault: Fault, path: string, isGeneration: boolean): boolean {
  if (fault.path === undefined) return isGeneration;
  if (typeof fault.path === 'string') return fault.path === path;
  fault.path.lastIndex = 0;
  return fault.path.test(path);
}

function assertValidFault(fault: Fault): void {
  const times = fault.times ?? 1;
  if (!(times === Number.POSITIVE_INFINITY || (Number.isInteger(times) && times > 0))) {
    throw new RangeError(`fault '${fault.type}': times must be a positive integer or Infinity, got ${times}`);
  }
  const check = (name: string, value: number | undefined) => {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new RangeError(`fault '${fault.type}': ${name} must be a finite number >= 0, got ${value}`);
    }
  };
  switch (fault.type) {
    case 'latency':
      check('ms', fault.ms);
      break;
    case 'slow-stream':
      check('delayMs', fault.delayMs);
      break;
    case 'cut-stream':
    case 'stream-error':
    case 'malformed-json':
      if (fault.afterChunks !== undefined && !Number.isInteger(fault.afterChunks)) {
        throw new RangeError(
          `fault '${fault.type}': afterChunks must be an integer, got ${fault.afterChunks}`,
        );
      }
      check('afterChunks', fault.afterChunks);
      break;
    case 'status':
      if (!Number.isInteger(fault.status) || fault.status < 400 || fault.status > 599) {
        throw new RangeError(
          `fault 'status': status must be an HTTP error status (400-599), got ${fault.status}`,
        );
      }
      break;
    default:
      break;
  }
}
