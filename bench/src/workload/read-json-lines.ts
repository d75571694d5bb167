import { readFileSync } from 'node:fs';

/**
 * Reads a JSON Lines file: one JSON value per non-empty line. A bad line fails with the file and
 * line number.
 *
 * @example
 * const rows = readJsonLines('/work/shared/data/routing/train.jsonl');
 */
export function readJsonLines(path: string): unknown[] {
  const rows: unknown[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]?.trim();
    if (!line) continue;
    try {
      rows.push(JSON.parse(line));
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new Error(`${path}:${index + 1}: not valid JSON (${detail})`);
    }
  }
  return rows;
}
