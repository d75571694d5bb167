import type { LedgerRecord } from './ledger-record.js';
import type { MeteringSink } from './metering-sink.js';

/** A {@link MeteringSink} that keeps the records in an array. */
export type MemorySink = MeteringSink & {
  /** Every record written, in order. */
  readonly records: readonly LedgerRecord[];
  /** Whether `close()` was called (writes after it throw). */
  readonly closed: boolean;
  /** The records as JSONL text, exactly as the file sink writes them. */
  jsonl(): string;
};

/**
 * A sink that keeps records in memory: for tests, and for reading a summary in-process.
 *
 * @example
 * const sink = createMemorySink();
 * const meter = createMeter({ router, sinks: [sink] });
 * await router.generate(request);
 * console.log(summarizeLedger(sink.records));
 */
export function createMemorySink(): MemorySink {
  const records: LedgerRecord[] = [];
  let closed = false;
  return {
    records,
    get closed() {
      return closed;
    },
    write(record) {
      if (closed) throw new Error(`memory sink: record '${record.requestId}' written after close()`);
      records.push(record);
    },
    async flush() {},
    async close() {
      closed = true;
    },
    jsonl() {
      return records.map((record) => `${JSON.stringify(record)}\n`).join('');
    },
  };
}
