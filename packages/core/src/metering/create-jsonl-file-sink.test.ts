import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { decisionOf, localTarget, requestEndOf } from './__fixtures__/ledger-fixtures.js';
import { createJsonlFileSink } from './create-jsonl-file-sink.js';
import type { LedgerRecord } from './ledger-record.js';
import { toLedgerRecord } from './to-ledger-record.js';

const recordOf = (requestId: string): LedgerRecord =>
  toLedgerRecord(requestEndOf(decisionOf(requestId, [localTarget])), {
    model: 'auto',
    baseline: undefined,
    now: () => 0,
  });

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'switchyard-ledger-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const linesOf = async (path: string) => (await readFile(path, 'utf8')).split('\n');

describe('createJsonlFileSink', () => {
  test('appends one line per record, creating the folder; write() does not wait for the disk', async () => {
    const path = join(directory, 'logs', 'nested', 'ledger.jsonl');
    const sink = createJsonlFileSink({ path });
    sink.write(recordOf('a'));
    sink.write(recordOf('b'));
    expect(existsSync(path)).toBe(false);
    expect(sink.pending).toBe(2);
    await sink.flush();
    expect(await linesOf(path)).toEqual([JSON.stringify(recordOf('a')), JSON.stringify(recordOf('b')), '']);
    expect(sink.written).toBe(2);
    expect(sink.pending).toBe(0);
  });

  test('appends to an existing ledger, and keeps order across batches', async () => {
    const path = join(directory, 'ledger.jsonl');
    await writeFile(path, '{"earlier":true}\n');
    const sink = createJsonlFileSink({ path });
    for (let index = 0; index < 50; index += 1) {
      sink.write(recordOf(`r${index}`));
      if (index % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await sink.close();
    const lines = await linesOf(path);
    expect(lines[0]).toBe('{"earlier":true}');
    expect(lines.slice(1, -1).map((line) => (JSON.parse(line) as LedgerRecord).requestId)).toEqual(
      Array.from({ length: 50 }, (_, index) => `r${index}`),
    );
  });

  test('keeps lines while the disk fails, reports once, and writes them after a recovery', async () => {
    const blocker = join(directory, 'not-a-folder');
    await writeFile(blocker, 'a file where the folder should be');
    const path = join(blocker, 'ledger.jsonl');
    const errors: string[] = [];
    const sink = createJsonlFileSink({ path, onError: (error) => errors.push(error.message) });
    sink.write(recordOf('kept-1'));
    await expect(sink.flush()).rejects.toThrow();
    sink.write(recordOf('kept-2'));
    await expect(sink.flush()).rejects.toThrow();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^ledger .*not-a-folder\/ledger\.jsonl: cannot write \(.*\); 1 lines kept for retry$/,
    );
    expect(sink.pending).toBe(2);

    await rm(blocker);
    await sink.flush();
    expect((await linesOf(path)).slice(0, -1).map((line) => JSON.parse(line).requestId)).toEqual([
      'kept-1',
      'kept-2',
    ]);
  });

  test('drops the oldest lines beyond maxBufferedRecords, and counts them', async () => {
    const blocker = join(directory, 'blocker');
    await writeFile(blocker, '');
    const errors: string[] = [];
    const sink = createJsonlFileSink({
      path: join(blocker, 'ledger.jsonl'),
      maxBufferedRecords: 2,
      onError: (error) => errors.push(error.message),
    });
    for (const id of ['1', '2', '3', '4', '5']) sink.write(recordOf(id));
    expect(sink.dropped).toBe(3);
    expect(sink.pending).toBe(2);
    expect(errors).toEqual([
      `ledger ${join(blocker, 'ledger.jsonl')}: more than 2 lines waiting; dropping the oldest`,
    ]);
    await expect(sink.flush()).rejects.toThrow();
    await rm(blocker);
    await sink.flush();
    const kept = (await linesOf(join(blocker, 'ledger.jsonl'))).slice(0, -1);
    expect(kept.map((line) => JSON.parse(line).requestId)).toEqual(['4', '5']);
  });

  test('refuses lines after close()', async () => {
    const path = join(directory, 'ledger.jsonl');
    const errors: string[] = [];
    const sink = createJsonlFileSink({ path, onError: (error) => errors.push(error.message) });
    sink.write(recordOf('before'));
    await sink.close();
    sink.write(recordOf('after'));
    await sink.flush();
    expect(await linesOf(path)).toHaveLength(2);
    expect(sink.dropped).toBe(1);
    expect(errors).toEqual([`ledger ${path}: record 'after' written after close(), dropped`]);
  });

  test('rejects a bad buffer size', () => {
    expect(() => createJsonlFileSink({ path: 'x.jsonl', maxBufferedRecords: 0 })).toThrow(
      'maxBufferedRecords must be an integer ≥ 1, got 0',
    );
  });
});
