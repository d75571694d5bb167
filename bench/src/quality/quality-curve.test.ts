import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../workload/seeded-random.js';
import {
  averagePerformanceGapRecovered,
  type CurveRow,
  callPerformanceThreshold,
  pairMeans,
  performanceGapRecovered,
  pointAtShare,
  randomCurve,
  routedPoint,
  sweepCurve,
} from './quality-curve.js';

const row = (weak: number, strong: number, weakCostUsd = 1, strongCostUsd = 10): CurveRow => ({
  weak,
  strong,
  weakCostUsd,
  strongCostUsd,
});

// Four rows: the strong model wins two (rows 0 and 1), ties one, loses one.
const rows = [row(0, 1), row(0, 1), row(1, 1), row(1, 0)];

describe('pairMeans and PGR', () => {
  it('averages scores and sums costs', () => {
    expect(pairMeans(rows)).toEqual({ weak: 0.5, strong: 0.75, weakCostUsd: 4, strongCostUsd: 40 });
  });

  it.each([
    [0.5, 0],
    [0.75, 1],
    [0.625, 0.5],
    [1, 2],
  ])('quality %d recovers %d of the gap', (quality, pgr) => {
    expect(performanceGapRecovered(quality, { weak: 0.5, strong: 0.75 })).toBeCloseTo(pgr, 12);
  });

  it('is null when the two models tie on average', () => {
    expect(performanceGapRecovered(0.5, { weak: 0.5, strong: 0.5 })).toBeNull();
  });
});

describe('routedPoint', () => {
  it('scores one fixed routing', () => {
    expect(routedPoint(rows, [true, false, false, false])).toEqual({
      share: 0.25,
      quality: 0.5 + 0.25,
      pgr: 1,
      costUsd: 13,
    });
  });
});

describe('sweepCurve', () => {
  it('flips rows in order of falling score, ties together', () => {
    const curve = sweepCurve(rows, { scores: [0.9, 0.5, 0.5, 0.1] });
    expect(curve.map((point) => [point.share, point.quality, point.threshold])).toEqual([
      [0, 0.5, Number.POSITIVE_INFINITY],
      [0.25, 0.75, 0.9],
      [0.75, 1, 0.5],
      [1, 0.75, 0.1],
    ]);
    expect(curve.map((point) => point.costUsd)).toEqual([4, 13, 31, 40]);
  });

  it('moves each row between its low and high side (a pipeline with a scorer)', () => {
    // Row 2 is always strong (say, context-fit sent it to the cloud); row 3 never is.
    const curve = sweepCurve(rows, {
      scores: [0.9, 0.5, 0.4, 0.1],
      high: [true, true, true, false],
      low: [false, false, true, false],
    });
    expect(curve.map((point) => point.share)).toEqual([0.25, 0.5, 0.75, 0.75, 0.75]);
  });
});

describe('APGR and CPT', () => {
  it.each([
    { name: 'a perfect ranker reaching PGR 1 at a quarter', points: [{ share: 0.25, pgr: 1 }], apgr: 0.875 },
    { name: 'a straight line (random in expectation)', points: [{ share: 0.5, pgr: 0.5 }], apgr: 0.5 },
    { name: 'the closed ends alone', points: [], apgr: 0.5 },
    { name: 'a ranker that overshoots', points: [{ share: 0.5, pgr: 1.5 }], apgr: 1 },
  ])('APGR of $name is $apgr', ({ points, apgr }) => {
    expect(averagePerformanceGapRecovered(points)).toBeCloseTo(apgr, 12);
  });

  it.each([
    { target: 0.5, share: 0.125 },
    { target: 0.8, share: 0.2 },
    { target: 1, share: 0.25 },
  ])('CPT($target) on a curve reaching PGR 1 at a quarter is $share', ({ target, share }) => {
    expect(callPerformanceThreshold([{ share: 0.25, pgr: 1 }], target)).toBeCloseTo(share, 12);
  });

  it('is null when PGR is undefined', () => {
    expect(averagePerformanceGapRecovered([{ share: 0.5, pgr: null }])).toBeNull();
    expect(callPerformanceThreshold([{ share: 0.5, pgr: null }], 0.5)).toBeNull();
  });

  it('gives the oracle the hand-computed curve of the four rows', () => {
    const curve = sweepCurve(rows, { scores: rows.map((item) => item.strong - item.weak) });
    // Rows 0 and 1 gain the same, so they flip together: PGR 0 → 2 (share .5) → 2 (share .75,
    // the tie) → 1 (share 1, the row the weak model wins).
    expect(curve.map((point) => point.pgr)).toEqual([0, 2, 2, 1]);
    expect(averagePerformanceGapRecovered(curve)).toBeCloseTo(0.5 + 0.5 + 0.375, 12);
    expect(callPerformanceThreshold(curve, 0.95)).toBeCloseTo(0.2375, 12);
  });

  it('scores random routing at about 0.5 on a synthetic set', () => {
    const random = createSeededRandom(3);
    const synthetic = Array.from({ length: 2000 }, () =>
      row(random.chance(0.6) ? 1 : 0, random.chance(0.8) ? 1 : 0),
    );
    const single = sweepCurve(synthetic, { scores: synthetic.map(() => random.next()) });
    expect(averagePerformanceGapRecovered(single)).toBeGreaterThan(0.44);
    expect(averagePerformanceGapRecovered(single)).toBeLessThan(0.56);
    const averaged = randomCurve(synthetic, createSeededRandom(9).next, 20);
    expect(averagePerformanceGapRecovered(averaged)).toBeCloseTo(0.5, 1);
    expect(callPerformanceThreshold(averaged, 0.5)).toBeCloseTo(0.5, 1);
  });
});

describe('pointAtShare', () => {
  it('interpolates quality, PGR and cost', () => {
    const curve = sweepCurve(rows, { scores: [0.9, 0.5, 0.5, 0.1] });
    expect(pointAtShare(curve, 0.125)).toEqual({ share: 0.125, quality: 0.625, pgr: 0.5, costUsd: 8.5 });
  });
});
