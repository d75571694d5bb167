import type { BenchRow } from '../quality/bench-row.js';
import { normalizeScore, type ScoreScale, scoreScale } from '../quality/score-scale.js';

/** How a row's two scores become the scorer's target. */
export type LabelSettings = {
  /**
   * The strong model must lead by more than this, on the 0–1 scale of the score type, for the
   * row to count as "strong needed" (0.1: any win on 0/1 scores, 1+ point on a 1–10 judge scale).
   */
  readonly margin: number;
  /**
   * Soft targets: the lead above the margin, divided by `softScale` and capped at 1, so a
   * 9-point lead weighs more than a 2-point one (default off: 0/1 targets).
   */
  readonly softScale?: number;
};

/**
 * Default {@link LabelSettings}, chosen by 5-fold cross-validation on routing/train.jsonl: soft
 * targets, so on 0/1 scores the target is 1 exactly when the strong model is right and the weak
 * one wrong, and on a 1–10 judge scale it grows with the lead (a 4.5-point lead or more is 1).
 */
export const defaultLabelSettings: LabelSettings = { margin: 0, softScale: 0.5 };

/**
 * The strong model's lead on a row, on the 0–1 scale of its score type (negative when the weak
 * model did better).
 *
 * @example
 * normalizedGain({ weak: 7, strong: 9, row: { scoreType: 'gpt4_judge_1_10' } } as BenchRow); // 0.222
 */
export function normalizedGain(row: BenchRow, observed?: ScoreScale): number {
  const scale = scoreScale(row.row.scoreType, observed);
  return normalizeScore(row.strong, scale) - normalizeScore(row.weak, scale);
}

/**
 * 1 when the strong model is meaningfully better than the weak one on this row (its lead is above
 * the margin), else 0; with `softScale`, a target between 0 and 1 that grows with the lead.
 *
 * @example
 * difficultyLabel(row, { margin: 0.1 }); // 1 for weak 0, strong 1
 */
export function difficultyLabel(
  row: BenchRow,
  settings: LabelSettings = defaultLabelSettings,
  observed?: ScoreScale,
): number {
  const gain = normalizedGain(row, observed);
  if (settings.softScale === undefined) return gain > settings.margin ? 1 : 0;
  return Math.min(Math.max((gain - settings.margin) / settings.softScale, 0), 1);
}
