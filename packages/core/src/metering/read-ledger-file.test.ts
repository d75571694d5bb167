import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { ledgerAttemptOf, ledgerRecordOf } from './__fixtures__/ledger-record-of.js';
import type { LedgerRecord } from './ledger-record.js';
import type { ledgerRecordSchema } from './ledger-record-schema.js';
import { readLedgerFile } from './read-ledger-file.js';

/** `T` without `readonly` (zod's inferred types are mutable). */
type Writable<T> = T extends readonly (infer Item)[]
  ? Writable<Item>[]
  : T extends object
    ? { -readonly [Key in keyof T]: Writable<T[Key]> }
    : T;

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'switchyard-read-ledger-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const record = (requestId: string) =>
  ledgerRecordOf({ requestId, attempts: [ledgerAttemptOf({ target: 'llama-8b' })] });

describe('readLedgerFile', () => {
  test('reads valid lines, skips blank ones, and counts malformed ones with their line numbers', async () => {
    const path = join(directory, 'mixed.jsonl');
    await writeFile(
      path,
      [
        JSON.stringify(record('a')),
        '',
        '{"not":"a record"}',
        JSON.stringify({ ...record('b'), extraFieldFromANewerWriter: true }),
        'not json at all',
        `${JSON.stringify(record('c')).slice(0, 40)}`, // a torn last write
        `${JSON.stringify(record('d'))}\r`,
      ].join('\n'),
    );
    const ledger = await readLedgerFile(path);
    expect(ledger.records.map((entry) => entry.requestId)).toEqual(['a', 'b', 'd']);
    expect(ledger.records[0]).toEqual(record('a'));
    expect(ledger.lines).toBe(6);
    expect(ledger.malformed).toBe(3);
    expect(ledger.malformedLines).toEqual([3, 5, 6]);
  });

  test('keeps at most 20 malformed line numbers', async () => {
    const path = join(directory, 'garbage.jsonl');
    await writeFile(path, 'x\n'.repeat(25));
    const ledger = await readLedgerFile(path);
    expect(ledger.malformed).toBe(25);
    expect(ledger.malformedLines).toHaveLength(20);
  });

  test('reads an empty file as no records', async () => {
    const path = join(directory, 'empty.jsonl');
    await writeFile(path, '');
    expect(await readLedgerFile(path)).toEqual({ records: [], lines: 0, malformed: 0, malformedLines: [] });
  });

  test.each([
    ['a missing file', 'missing.jsonl', /^ledger file not found: .*missing\.jsonl \(the gateway creates it/],
    ['a folder', '.', /^ledger path is a folder, not a file: /],
  ])('names the problem for %s', async (_name, name, message) => {
    await expect(readLedgerFile(join(directory, name))).rejects.toThrow(message);
  });

  test('the schema accepts every record the writer can write (checked by the type checker)', () => {
    const accepted = (written: Writable<LedgerRecord>): z.input<typeof ledgerRecordSchema> => written;
    expect(accepted(record('typed') as Writable<LedgerRecord>).requestId).toBe('typed');
  });
});
