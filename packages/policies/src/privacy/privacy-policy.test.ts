import { InvalidConfigError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { decideWith, decideWithInput, idsOf } from '../__fixtures__/decide-with.js';
import { testTarget } from '../__fixtures__/test-target.js';
import { privacyPolicy } from './privacy-policy.js';

const local8b = testTarget({ id: 'local-8b' });
const local70b = testTarget({ id: 'local-70b', tier: 2 });
const gpt4o = testTarget({ id: 'gpt-4o', locality: 'cloud', tier: 3 });
const claude = testTarget({ id: 'claude', locality: 'cloud', tier: 3 });

describe('privacyPolicy', () => {
  const policy = privacyPolicy();

  it.each([
    {
      name: 'local-only keeps local targets in order',
      targets: [gpt4o, local8b, claude, local70b],
      privacy: 'local-only' as const,
      type: 'ranked',
      ids: ['local-8b', 'local-70b'],
      reason: 'kept 2 local targets of 4',
    },
    {
      name: 'local-only with only local targets keeps them all',
      targets: [local8b, local70b],
      privacy: 'local-only' as const,
      type: 'ranked',
      ids: ['local-8b', 'local-70b'],
      reason: 'all 2 targets are local',
    },
    {
      name: 'local-only with no local target rejects',
      targets: [gpt4o, claude],
      privacy: 'local-only' as const,
      type: 'rejected',
      ids: [],
      reason: 'local-only request and no local target',
    },
    {
      name: 'privacy any is not applicable',
      targets: [gpt4o, local8b],
      privacy: 'any' as const,
      type: 'not-applicable',
      ids: [],
      reason: 'request allows cloud targets',
    },
  ])('$name', ({ targets, privacy, type, ids, reason }) => {
    const decision = decideWith(policy, { targets, profile: { privacy } });
    expect(decision.type).toBe(type);
    expect(idsOf(decision)).toEqual(ids);
    expect(decision.reason).toBe(reason);
  });

  it('names each dropped cloud target', () => {
    const decision = decideWith(policy, {
      targets: [gpt4o, local8b, claude],
      profile: { privacy: 'local-only' },
    });
    expect(decision.type === 'ranked' && decision.dropped).toEqual([
      { target: 'gpt-4o', reason: 'cloud target; request is local-only' },
      { target: 'claude', reason: 'cloud target; request is local-only' },
    ]);
  });

  it('reuses the input array when nothing is dropped', () => {
    const { decision, candidates } = decideWithInput(policy, {
      targets: [local8b, local70b],
      profile: { privacy: 'local-only' },
    });
    expect(decision.type === 'ranked' && decision.candidates).toBe(candidates);
    expect(decision.type === 'ranked' && decision.dropped).toEqual([]);
  });

  it('rejects unknown options, naming them', () => {
    expect(() => privacyPolicy({ strict: true } as never)).toThrow(InvalidConfigError);
    expect(() => privacyPolicy({ strict: true } as never)).toThrow(/options: Unrecognized key: "strict"/);
  });
});
