/** The range of a score type, for normalising to 0–1 when sources are aggregated. */
export type ScoreScale = { readonly min: number; readonly max: number };

const knownScales: Readonly<Record<string, ScoreScale>> = {
  binary_correct: { min: 0, max: 1 },
  gpt4_judge_1_10: { min: 1, max: 10 },
  gpt4_judge_1_10_with_reference: { min: 1, max: 10 },
};

/**
 * The scale of a score type: `binary_correct` 0–1; GPT-4 judge scores (`gpt4_judge_1_10…`)
 * 1–10; any other type the range observed in its rows (`observed`), or 0–1 when that is empty.
 *
 * @example
 * scoreScale('gpt4_judge_1_10'); // { min: 1, max: 10 }
 */
export function scoreScale(scoreType: string, observed?: ScoreScale): ScoreScale {
  const known =
    knownScales[scoreType] ?? (/judge_1_10/.test(scoreType) ? knownScales.gpt4_judge_1_10 : undefined);
  if (known !== undefined) return known;
  if (observed !== undefined && observed.max > observed.min) return observed;
  return { min: 0, max: 1 };
}

/**
 * A score mapped to 0–1 on its scale (only for aggregating across sources; reports per source
 * stay in native units).
 *
 * @example
 * normalizeScore(7, { min: 1, max: 10 }); // 0.6667
 */
export function normalizeScore(score: number, scale: ScoreScale): number {
  return (score - scale.min) / (scale.max - scale.min);
}

/**
 * The observed range of each score type over some rows, for types without a known scale.
 *
 * @example
 * const scales = observedScales(rows);
 * scoreScale('percent_correct', scales.get('percent_correct'));
 */
export function observedScales(
  rows: readonly {
    readonly row: { readonly scoreType: string };
    readonly weak: number;
    readonly strong: number;
  }[],
): Map<string, ScoreScale> {
  const scales = new Map<string, ScoreScale>();
  for (const { row, weak, strong } of rows) {
    const known = scales.get(row.scoreType);
    scales.set(row.scoreType, {
      min: Math.min(known?.min ?? Number.POSITIVE_INFINITY, weak, strong),
      max: Math.max(known?.max ?? Number.NEGATIVE_INFINITY, weak, strong),
    });
  }
  return scales;
}
