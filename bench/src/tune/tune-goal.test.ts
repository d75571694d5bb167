import { describe, expect, it } from 'vitest';
import type { CurvePoint } from '../quality/quality-curve.js';
import { chooseOperatingPoint } from './choose-operating-point.js';
import { parseTuneGoal } from './tune-goal.js';

describe('parseTuneGoal', () => {
  it.each([
    ['quality>=0.95', { kind: 'quality', minPgr: 0.95 }],
    ['pgr >= 0.8', { kind: 'quality', minPgr: 0.8 }],
    ['strong-share<=0.30', { kind: 'strong-share', maxShare: 0.3 }],
    ['cloud-share<=30%', { kind: 'strong-share', maxShare: 0.3 }],
  ])('%s', (text, goal) => {
    expect(parseTuneGoal(text)).toEqual(goal);
  });

  it.each([
    ['cheap', 'not a goal'],
    ['quality<=0.9', 'quality takes >='],
    ['strong-share>=0.3', 'strong-share takes <='],
    ['quality>=1.5', 'the value must be in (0, 1]'],
  ])('rejects %s', (text, message) => {
    expect(() => parseTuneGoal(text)).toThrow(message);
  });
});

describe('chooseOperatingPoint', () => {
  const point = (share: number, pgr: number, costUsd: number): CurvePoint => ({
    share,
    quality: pgr,
    pgr,
    costUsd,
  });
  const points = [
    point(0, 0, 1),
    point(0.3, 0.7, 4),
    point(0.5, 0.96, 6),
    point(0.7, 0.97, 8),
    point(1, 1, 10),
  ];

  it.each([
    { goal: 'quality>=0.95', index: 2 },
    { goal: 'quality>=0.5', index: 1 },
    { goal: 'strong-share<=0.3', index: 1 },
    { goal: 'strong-share<=0.6', index: 2 },
  ])('$goal picks point $index', ({ goal, index }) => {
    expect(chooseOperatingPoint(points, parseTuneGoal(goal))).toBe(index);
  });

  it('falls back to the closest point when none meets the goal', () => {
    expect(chooseOperatingPoint(points.slice(0, 3), parseTuneGoal('quality>=0.99'))).toBe(2);
  });
});
