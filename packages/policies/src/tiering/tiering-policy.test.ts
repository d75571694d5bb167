import type { RequestProfile } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { decideWith, decideWithInput, idsOf } from '../__fixtures__/decide-with.js';
import { testTarget } from '../__fixtures__/test-target.js';
import type { TieringOptions } from './tiering-options.js';
import { tieringPolicy } from './tiering-policy.js';

const cloudA = testTarget({ id: 'cloud-a', locality: 'cloud', tier: 3 });
const smallA = testTarget({ id: 'small-a', tier: 1 });
const large = testTarget({ id: 'large', tier: 2 });
const smallB = testTarget({ id: 'small-b', tier: 1 });
const cloudB = testTarget({ id: 'cloud-b', locality: 'cloud', tier: 3 });
const targets = [cloudA, smallA, large, smallB, cloudB];

describe('tieringPolicy', () => {
  it.each<{
    name: string;
    profile: Partial<RequestProfile>;
    options?: TieringOptions;
    ids: string[];
    reason: string;
  }>([
    {
      name: 'the switchyard.tier hint wins over everything',
      profile: { requestedTier: 2, tierTag: 3, promptTokens: 20_000 },
      ids: ['large', 'cloud-a', 'cloud-b', 'small-a', 'small-b'],
      reason: 'tier 2 from switchyard.tier hint; 1 of 5 targets at tier 2',
    },
    {
      name: 'a [cloud] prompt tag wants tier 3, then lower tiers descending',
      profile: { tierTag: 3, taskCategory: 'summarize' },
      ids: ['cloud-a', 'cloud-b', 'large', 'small-a', 'small-b'],
      reason: 'tier 3 from prompt tag; 2 of 5 targets at tier 3',
    },
    {
      name: 'a prompt over the cloud threshold wants tier 3',
      profile: { promptTokens: 16_000, taskCategory: 'summarize' },
      ids: ['cloud-a', 'cloud-b', 'large', 'small-a', 'small-b'],
      reason: 'tier 3 from prompt size 16000 ≥ 16000',
    },
    {
      name: 'a prompt over the large threshold wants tier 2, then tier 3, then tier 1',
      profile: { promptTokens: 7000 },
      ids: ['large', 'cloud-a', 'cloud-b', 'small-a', 'small-b'],
      reason: 'tier 2 from prompt size 7000 ≥ 6000',
    },
    {
      name: 'a complex task wants tier 3',
      profile: { complexity: 'complex', taskCategory: 'prove' },
      ids: ['cloud-a', 'cloud-b', 'large', 'small-a', 'small-b'],
      reason: 'tier 3 for a complex task',
    },
    {
      name: 'a small category wants tier 1, then higher tiers ascending',
      profile: { taskCategory: 'translate' },
      ids: ['small-a', 'small-b', 'large', 'cloud-a', 'cloud-b'],
      reason: "tier 1 for a 'translate' task",
    },
    {
      name: 'a simple code task (commit message, regex) goes to tier 1',
      profile: { taskCategory: 'code', complexity: 'simple' },
      options: { defaultTier: 2 },
      ids: ['small-a', 'small-b', 'large', 'cloud-a', 'cloud-b'],
      reason: "tier 1 for a simple 'code' task",
    },
    {
      name: 'anything else gets the default tier',
      profile: { taskCategory: 'code', complexity: 'unknown' },
      options: { defaultTier: 2 },
      ids: ['large', 'cloud-a', 'cloud-b', 'small-a', 'small-b'],
      reason: 'tier 2 by default',
    },
    {
      name: 'thresholds and small categories follow the options',
      profile: { promptTokens: 3000, taskCategory: 'translate' },
      options: { largeTokenThreshold: 2000, cloudTokenThreshold: 2500, smallCategories: ['classify'] },
      ids: ['cloud-a', 'cloud-b', 'large', 'small-a', 'small-b'],
      reason: 'tier 3 from prompt size 3000 ≥ 2500',
    },
  ])('$name', ({ profile, options, ids, reason }) => {
    const decision = decideWith(tieringPolicy(options), { targets, profile });
    expect(decision.type).toBe('ranked');
    expect(idsOf(decision)).toEqual(ids);
    expect(decision.reason?.slice(0, reason.length)).toBe(reason);
  });

  it('says when no target sits at the desired tier', () => {
    const decision = decideWith(tieringPolicy(), {
      targets: [smallA, cloudA],
      profile: { requestedTier: 2 },
    });
    expect(idsOf(decision)).toEqual(['cloud-a', 'small-a']);
    expect(decision.reason).toBe(
      'tier 2 from switchyard.tier hint; 0 of 2 targets at tier 2; no target at tier 2, nearest first',
    );
  });

  it('reuses the input array when the order already fits and never drops', () => {
    const { decision, candidates } = decideWithInput(tieringPolicy(), {
      targets: [smallA, smallB, large, cloudA],
      profile: { taskCategory: 'summarize' },
    });
    expect(decision.type === 'ranked' && decision.candidates).toBe(candidates);
    expect(decision.type === 'ranked' && decision.dropped).toBeUndefined();
  });

  it('stays out of a locked route', () => {
    expect(decideWith(tieringPolicy(), { targets, locked: true, profile: { tierTag: 3 } })).toEqual({
      type: 'not-applicable',
      reason: 'route already decided; order locked',
    });
  });

  it.each([
    [{ defaultTier: 4 }, 'options.defaultTier: '],
    [{ smallCategories: ['poetry'] }, 'options.smallCategories[0]: Invalid option'],
    [
      { largeTokenThreshold: 20_000 },
      'options.largeTokenThreshold: must not exceed cloudTokenThreshold (16000)',
    ],
  ])('names the bad option in %j', (options, message) => {
    expect(() => tieringPolicy(options as never)).toThrow(message);
  });
});
