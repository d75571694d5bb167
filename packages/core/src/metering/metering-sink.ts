import type { LedgerRecord } from './ledger-record.js';

/**
 * Where ledger lines go. `write` is called on the request path: it must return at once (queue the
 * record) and should not throw (the meter reports a throw and carries on). `flush` resolves when
 * everything written so far is stored; `close` flushes and releases the sink.
 *
 * @example
 * const stdoutSink: MeteringSink = { write: (record) => console.log(JSON.stringify(record)) };
 */
export type MeteringSink = {
  write(record: LedgerRecord): void;
  flush?(): Promise<void>;
  close?(): Promise<void>;
};
