import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type LabeledRow, toLabeledRow } from './labeled-row.js';

/** Where labeled data in this schema comes from, for "file not found" messages. */
export const labeledDataHint =
  'Labeled data in the schema of routing/train.jsonl: the public sample is <shared>/data/routing/train.jsonl ' +
  '(RouteLLM evals from github.com/lm-sys/RouteLLM routellm/evals/, and arena-bench v1 from ' +
  'github.com/lmarena/arena-hard-auto; see docs/bench.md), or convert RouteLLM eval files with ' +
  '`switchyard bench import-routellm DIR --out FILE`.';

/**
 * Reads a labeled JSONL file (one {@link LabeledRow} per non-empty line). Fails with the file and
 * line number on a malformed line, and with a hint on where the data comes from when the file is
 * missing.
 *
 * @example
 * const rows = readLabeledRows('../shared/data/routing/train.jsonl');
 */
export function readLabeledRows(path: string): LabeledRow[] {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new Error(`data file not found: ${absolute}. ${labeledDataHint}`);
  const lines = readFileSync(absolute, 'utf8').split('\n');
  const rows: LabeledRow[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]?.trim();
    if (!line) continue;
    const where = `${path}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new Error(`${where}: not valid JSON (${detail})`);
    }
    rows.push(toLabeledRow(value, where));
  }
  if (rows.length === 0) throw new Error(`data file ${absolute} holds no rows. ${labeledDataHint}`);
  return rows;
}
