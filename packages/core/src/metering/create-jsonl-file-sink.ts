import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { LedgerRecord } from './ledger-record.js';
import type { MeteringSink } from './metering-sink.js';

/** Settings of {@link createJsonlFileSink}. */
export type JsonlFileSinkOptions = {
  /** The ledger file; appended to, created with its folder when missing. */
  readonly path: string;
  /**
   * Most lines held in memory while the disk is slow or failing (default 10 000); beyond it the
   * oldest are dropped and counted in `dropped`.
   */
  readonly maxBufferedRecords?: number;
  /**
   * Called when writing fails (once when it starts failing, again after a recovery) and for
   * records dropped. Default: a warning on stderr.
   */
  readonly onError?: (error: Error) => void;
};

/** The JSONL file sink, with counters. */
export type JsonlFileSink = Required<MeteringSink> & {
  readonly path: string;
  /** Lines stored in the file so far. */
  readonly written: number;
  /** Lines lost (buffer overflow, or written after `close()`). */
  readonly dropped: number;
  /** Lines waiting to be written. */
  readonly pending: number;
};

/**
 * The default ledger sink: one JSON object per line, appended to `path`. `write` only queues the
 * line; one append at a time runs in the background, taking every line queued meanwhile, so the
 * request path never waits on the disk and a busy gateway writes in batches. Each batch is its own
 * `appendFile`, so a rotated or deleted file is recreated. A failed batch is kept and retried on
 * the next write or flush. `close()` flushes and stops accepting lines.
 *
 * @example
 * const sink = createJsonlFileSink({ path: config.metering.ledgerPath });
 * const meter = createMeter({ router, sinks: [sink] });
 * process.on('SIGTERM', () => void meter.close());
 */
export function createJsonlFileSink(options: JsonlFileSinkOptions): JsonlFileSink {
  const path = resolve(options.path);
  const maxBuffered = options.maxBufferedRecords ?? 10_000;
  if (!(Number.isInteger(maxBuffered) && maxBuffered >= 1)) {
    throw new RangeError(
      `createJsonlFileSink: maxBufferedRecords must be an integer ≥ 1, got ${maxBuffered}`,
    );
  }
  const report =
    options.onError ??
    ((error: Error) => {
      process.emitWarning(error.message, { code: 'SWITCHYARD_LEDGER' });
    });
  // A queue of lines: `lines[head…]` wait to be written (dropping the oldest is `head += n`).
  let lines: string[] = [];
  let head = 0;
  let draining: Promise<void> | undefined;
  let folderReady = false;
  let failing = false;
  let overflowing = false;
  let closed = false;
  let written = 0;
  let dropped = 0;

  const pending = () => lines.length - head;

  function takeAll(): string[] {
    const batch = head === 0 ? lines : lines.slice(head);
    lines = [];
    head = 0;
    return batch;
  }

  async function append(text: string): Promise<void> {
    if (!folderReady) {
      await mkdir(dirname(path), { recursive: true });
      folderReady = true;
    }
    try {
      await appendFile(path, text, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      // The folder went away (cleanup, rotation): create it again once.
      await mkdir(dirname(path), { recursive: true });
      await appendFile(path, text, 'utf8');
    }
  }

  /** Writes batches until the queue is empty; a failure puts the batch back and stops. */
  async function drain(): Promise<void> {
    // Let the lines written in this turn of the event loop join the first batch.
    await new Promise((resolveTurn) => setImmediate(resolveTurn));
    while (pending() > 0) {
      const batch = takeAll();
      try {
        await append(batch.join(''));
      } catch (error) {
        lines = batch.concat(takeAll());
        trim();
        if (!failing) {
          failing = true;
          const message = error instanceof Error ? error.message : String(error);
          report(new Error(`ledger ${path}: cannot write (${message}); ${pending()} lines kept for retry`));
        }
        throw error;
      }
      written += batch.length;
      failing = false;
    }
    overflowing = false;
  }

  function startDrain(): Promise<void> {
    draining ??= drain().finally(() => {
      draining = undefined;
      // Lines queued between the last batch and now would otherwise wait for the next write.
      if (pending() > 0 && !failing) startDrain().catch(() => {});
    });
    return draining;
  }

  /** Drops the oldest lines beyond `maxBuffered`; reports once per overflow. */
  function trim(): void {
    const excess = pending() - maxBuffered;
    if (excess <= 0) return;
    head += excess;
    dropped += excess;
    if (head * 2 > lines.length) {
      lines = lines.slice(head);
      head = 0;
    }
    if (!overflowing) {
      overflowing = true;
      report(new Error(`ledger ${path}: more than ${maxBuffered} lines waiting; dropping the oldest`));
    }
  }

  async function flush(): Promise<void> {
    while (draining !== undefined || pending() > 0) {
      await (draining ?? startDrain());
    }
  }

  return {
    path,
    get written() {
      return written;
    },
    get dropped() {
      return dropped;
    },
    get pending() {
      return pending();
    },
    write(record: LedgerRecord) {
      if (closed) {
        dropped += 1;
        report(new Error(`ledger ${path}: record '${record.requestId}' written after close(), dropped`));
        return;
      }
      lines.push(`${JSON.stringify(record)}\n`);
      trim();
      // A failure is reported in drain() and retried on the next write or flush.
      if (draining === undefined) startDrain().catch(() => {});
    },
    flush,
    async close() {
      closed = true;
      await flush();
    },
  };
}
