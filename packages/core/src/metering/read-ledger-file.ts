import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { LedgerRecord } from './ledger-record.js';
import { ledgerRecordSchema } from './ledger-record-schema.js';

/** What {@link readLedgerFile} read. */
export type LedgerFile = {
  /** The valid records, in file order. */
  readonly records: readonly LedgerRecord[];
  /** Non-blank lines read. */
  readonly lines: number;
  /** Lines that were not valid JSON or not a ledger record (a torn last line, another format…). */
  readonly malformed: number;
  /** Line numbers (1-based) of the first malformed lines, at most 20. */
  readonly malformedLines: readonly number[];
};

const keptLineNumbers = 20;

/**
 * Reads a JSONL ledger line by line (the file is streamed, never loaded whole). Blank lines are
 * ignored; malformed lines are skipped and counted. Throws an `Error` naming the file when it is
 * missing or cannot be read.
 *
 * @example
 * const ledger = await readLedgerFile('switchyard-ledger.jsonl');
 * if (ledger.malformed > 0) console.warn(`${ledger.malformed} malformed lines skipped`);
 * const summary = summarizeLedger(ledger.records);
 */
export async function readLedgerFile(path: string): Promise<LedgerFile> {
  const records: LedgerRecord[] = [];
  const malformedLines: number[] = [];
  let lineNumber = 0;
  let lines = 0;
  let malformed = 0;
  const input = createReadStream(path, { encoding: 'utf8' });
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of reader) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      lines += 1;
      const record = parseLine(line);
      if (record === undefined) {
        malformed += 1;
        if (malformedLines.length < keptLineNumbers) malformedLines.push(lineNumber);
      } else {
        records.push(record);
      }
    }
  } catch (error) {
    throw readError(path, error);
  } finally {
    reader.close();
    input.destroy();
  }
  return { records, lines, malformed, malformedLines };
}

function parseLine(line: string): LedgerRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  const result = ledgerRecordSchema.safeParse(value);
  return result.success ? (result.data as LedgerRecord) : undefined;
}

function readError(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return new Error(
      `ledger file not found: ${path} (the gateway creates it with the first metered request; see metering.ledgerPath)`,
      { cause: error },
    );
  }
  if (code === 'EISDIR') return new Error(`ledger path is a folder, not a file: ${path}`, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`cannot read ledger file ${path}: ${message}`, { cause: error });
}
