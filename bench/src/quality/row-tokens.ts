import { countTokens } from '../workload/count-tokens.js';
import type { BenchRow } from './bench-row.js';

/** Token counts of one row, for pricing. */
export type RowTokens = {
  readonly prompt: number;
  readonly weakOutput: number;
  readonly strongOutput: number;
};

/** Token counts of every row, and how many had to be estimated. */
export type TokenCounts = {
  readonly rows: RowTokens[];
  /** Rows whose prompt was counted here (the file had no `prompt_tokens_cl100k`). */
  readonly promptCounted: number;
  /** Answers whose length was estimated (the file had no `output_tokens_cl100k` for the model). */
  readonly outputEstimated: number;
};

/**
 * Token counts for pricing each row: prompt tokens from the file (else counted with cl100k);
 * each model's output tokens from the file, else the mean for that model in the same source,
 * else `fallbackOutput(row)` (the profiler's expected output for the request).
 *
 * @example
 * const tokens = rowTokenCounts(rows, (index) => profiles[index].expectedOutputTokens);
 */
export function rowTokenCounts(
  rows: readonly BenchRow[],
  fallbackOutput: (index: number) => number,
): TokenCounts {
  const totals = new Map<string, { sum: number; count: number }>();
  for (const { row } of rows) {
    for (const [model, tokens] of Object.entries(row.outputTokens)) {
      const key = `${row.source}\u0000${model}`;
      const total = totals.get(key) ?? { sum: 0, count: 0 };
      total.sum += tokens;
      total.count++;
      totals.set(key, total);
    }
  }
  let promptCounted = 0;
  let outputEstimated = 0;
  const output = (benchRow: BenchRow, model: string, index: number): number => {
    const known = benchRow.row.outputTokens[model];
    if (known !== undefined) return known;
    outputEstimated++;
    const total = totals.get(`${benchRow.row.source}\u0000${model}`);
    return total === undefined ? fallbackOutput(index) : total.sum / total.count;
  };
  const counted = rows.map((benchRow, index) => {
    let prompt = benchRow.row.promptTokens;
    if (prompt === undefined) {
      promptCounted++;
      prompt = [...benchRow.row.contextTurns, benchRow.row.prompt].reduce(
        (sum, text) => sum + countTokens(text),
        0,
      );
    }
    return {
      prompt,
      weakOutput: output(benchRow, benchRow.weakModel, index),
      strongOutput: output(benchRow, benchRow.strongModel, index),
    };
  });
  return { rows: counted, promptCounted, outputEstimated };
}
