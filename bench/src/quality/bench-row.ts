import type { LabeledRow } from './labeled-row.js';

/** A labeled row with the weak/strong pair it is judged on resolved to two scores. */
export type BenchRow = {
  readonly row: LabeledRow;
  readonly weakModel: string;
  readonly strongModel: string;
  /** The weak model's score, in the source's native unit. */
  readonly weak: number;
  /** The strong model's score, in the source's native unit. */
  readonly strong: number;
};

/** Which pair to judge rows on: each row's own `weak_model`/`strong_model` unless overridden. */
export type PairChoice = {
  readonly weakModel?: string;
  readonly strongModel?: string;
};

/** Rows kept, and rows skipped because their pair lacks a score (per source). */
export type PairSelection = {
  readonly rows: BenchRow[];
  readonly skipped: number;
  readonly skippedBySource: Readonly<Record<string, number>>;
};

/**
 * Resolves each row's weak/strong pair (the row's own, or the override) to two scores. A row
 * whose pair lacks a score (missing or `null`) is skipped and counted, per source.
 *
 * @example
 * const { rows, skipped } = selectPairRows(labeled, { weakModel: 'gpt-3.5-turbo' });
 */
export function selectPairRows(labeled: readonly LabeledRow[], pair: PairChoice = {}): PairSelection {
  const rows: BenchRow[] = [];
  const skippedBySource: Record<string, number> = {};
  let skipped = 0;
  for (const row of labeled) {
    const weakModel = pair.weakModel ?? row.weakModel;
    const strongModel = pair.strongModel ?? row.strongModel;
    const weak = row.scores[weakModel];
    const strong = row.scores[strongModel];
    if (typeof weak !== 'number' || typeof strong !== 'number') {
      skipped++;
      skippedBySource[row.source] = (skippedBySource[row.source] ?? 0) + 1;
      continue;
    }
    rows.push({ row, weakModel, strongModel, weak, strong });
  }
  return { rows, skipped, skippedBySource };
}
