import type { TargetHealth } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { decideWith, decideWithInput, idsOf } from '../__fixtures__/decide-with.js';
import { testTarget } from '../__fixtures__/test-target.js';
import { healthPolicy } from './health-policy.js';

const targets = ['a', 'b', 'c', 'd', 'e'].map((id) => testTarget({ id }));

describe('healthPolicy', () => {
  it.each<{
    name: string;
    health: Record<string, TargetHealth>;
    avoidDegraded?: boolean;
    locked?: boolean;
    ids: string[];
    reason: string;
  }>([
    {
      name: 'drops unhealthy and circuit-open targets',
      health: { a: 'unhealthy', b: 'healthy', d: 'circuit-open' },
      ids: ['b', 'c', 'e'],
      reason: 'dropped a (unhealthy), d (circuit-open)',
    },
    {
      name: 'moves degraded targets after healthy and unknown ones, stably',
      health: { a: 'degraded', b: 'healthy', c: 'degraded' },
      ids: ['b', 'd', 'e', 'a', 'c'],
      reason: '2 degraded last',
    },
    {
      name: 'keeps degraded targets in place when asked',
      health: { a: 'degraded', e: 'unhealthy' },
      avoidDegraded: false,
      ids: ['a', 'b', 'c', 'd'],
      reason: 'dropped e (unhealthy); 1 degraded',
    },
    {
      name: 'only filters a locked route',
      health: { a: 'degraded', c: 'circuit-open' },
      locked: true,
      ids: ['a', 'b', 'd', 'e'],
      reason: 'dropped c (circuit-open); 1 degraded',
    },
    {
      name: 'treats unknown as usable',
      health: {},
      ids: ['a', 'b', 'c', 'd', 'e'],
      reason: 'all 5 targets usable',
    },
  ])('$name', ({ health, avoidDegraded, locked, ids, reason }) => {
    const decision = decideWith(healthPolicy({ avoidDegraded }), { targets, health, locked });
    expect(decision.type).toBe('ranked');
    expect(idsOf(decision)).toEqual(ids);
    expect(decision.reason).toBe(reason);
  });

  it('gives each dropped target its state', () => {
    const decision = decideWith(healthPolicy(), { targets, health: { b: 'circuit-open' } });
    expect(decision.type === 'ranked' && decision.dropped).toEqual([{ target: 'b', reason: 'circuit-open' }]);
  });

  it('rejects listing each target when all are down', () => {
    const decision = decideWith(healthPolicy(), {
      targets: targets.slice(0, 2),
      health: { a: 'unhealthy', b: 'circuit-open' },
    });
    expect(decision).toEqual({
      type: 'rejected',
      reason: 'every target is down: a unhealthy, b circuit-open',
      dropped: [
        { target: 'a', reason: 'unhealthy' },
        { target: 'b', reason: 'circuit-open' },
      ],
    });
  });

  it('reuses the input array when all are usable', () => {
    const { decision, candidates } = decideWithInput(healthPolicy(), { targets, health: { e: 'degraded' } });
    expect(decision.type === 'ranked' && decision.candidates).toBe(candidates);
  });
});
