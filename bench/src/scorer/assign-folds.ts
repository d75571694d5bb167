import type { BenchRow } from '../quality/bench-row.js';
import { createSeededRandom } from '../workload/seeded-random.js';

/**
 * The group a row belongs to for cross-validation: turns of one multi-turn item (`…-t1`, `…-t2`)
 * share a group, so a later turn is never tested with its first turn in training.
 *
 * @example
 * foldGroupOf(row); // 'routellm/mt_bench mtbench-82'
 */
export function foldGroupOf(row: BenchRow): string {
  return `${row.row.source} ${row.row.id.replace(/-t\d+$/, '')}`;
}

/**
 * Assigns each row to one of `folds` folds: groups (see {@link foldGroupOf}) are shuffled with a
 * fixed seed within each source and dealt out in turn, so every fold holds a like share of every
 * source and the split is the same on every run.
 *
 * @example
 * const fold = assignFolds(rows, 5); // fold[i] ∈ 0..4
 */
export function assignFolds(rows: readonly BenchRow[], folds: number, seed = 20_240_601): number[] {
  if (!Number.isInteger(folds) || folds < 2) throw new Error(`folds must be an integer ≥ 2, got ${folds}`);
  const groupsBySource = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const row of rows) {
    const group = foldGroupOf(row);
    if (seen.has(group)) continue;
    seen.add(group);
    const list = groupsBySource.get(row.row.source) ?? [];
    list.push(group);
    groupsBySource.set(row.row.source, list);
  }
  const random = createSeededRandom(seed);
  const foldOfGroup = new Map<string, number>();
  let offset = 0;
  for (const source of [...groupsBySource.keys()].sort()) {
    const shuffled = random.shuffled(groupsBySource.get(source) as string[]);
    shuffled.forEach((group, index) => {
      foldOfGroup.set(group, (offset + index) % folds);
    });
    offset += shuffled.length;
  }
  return rows.map((row) => foldOfGroup.get(foldGroupOf(row)) as number);
}
