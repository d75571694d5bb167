import type { CurvePoint } from '../quality/quality-curve.js';
import type { TuneGoal } from './tune-goal.js';

/**
 * Whether a point meets the goal (PGR at or above the target, or strong share at or below the cap).
 *
 * @example
 * meetsGoal({ share: 0.3, pgr: 0.7 }, { kind: 'strong-share', maxShare: 0.3 }); // true
 */
export function meetsGoal(point: Pick<CurvePoint, 'share' | 'pgr'>, goal: TuneGoal): boolean {
  return goal.kind === 'quality'
    ? (point.pgr ?? Number.NEGATIVE_INFINITY) >= goal.minPgr - 1e-12
    : point.share <= goal.maxShare + 1e-12;
}

/**
 * The best of several operating points for a goal: for a quality goal, the cheapest point with
 * PGR ≥ the target (else the one with the highest PGR); for a strong-share goal, the best-quality
 * point within the share (else the one with the smallest share). Ties keep the earlier point.
 *
 * @example
 * const index = chooseOperatingPoint(points, { kind: 'quality', minPgr: 0.95 });
 */
export function chooseOperatingPoint(points: readonly CurvePoint[], goal: TuneGoal): number {
  let best = -1;
  const better = (candidate: CurvePoint, current: CurvePoint): boolean => {
    const candidateMeets = meetsGoal(candidate, goal);
    const currentMeets = meetsGoal(current, goal);
    if (candidateMeets !== currentMeets) return candidateMeets;
    if (goal.kind === 'quality') {
      if (candidateMeets) return candidate.costUsd < current.costUsd - 1e-12;
      return (candidate.pgr ?? Number.NEGATIVE_INFINITY) > (current.pgr ?? Number.NEGATIVE_INFINITY);
    }
    if (candidateMeets) return candidate.quality > current.quality + 1e-12;
    return candidate.share < current.share;
  };
  points.forEach((point, index) => {
    if (best < 0 || better(point, points[best] as CurvePoint)) best = index;
  });
  if (best < 0) throw new Error('chooseOperatingPoint: no points');
  return best;
}
