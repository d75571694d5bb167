import { describe, expect, it } from 'vitest';
import { decideWith, decideWithInput, idsOf } from '../__fixtures__/decide-with.js';
import { testTarget } from '../__fixtures__/test-target.js';
import { modalityPolicy } from './modality-policy.js';

const text = testTarget({ id: 'text-only' });
const localVision = testTarget({ id: 'local-vision', capabilities: { vision: true } });
const cloudVision = testTarget({
  id: 'cloud-vision',
  locality: 'cloud',
  tier: 3,
  capabilities: { vision: true },
});

describe('modalityPolicy', () => {
  const policy = modalityPolicy();

  it.each([
    {
      name: 'images keep vision targets only',
      targets: [text, cloudVision, localVision],
      imageCount: 2,
      type: 'ranked',
      ids: ['cloud-vision', 'local-vision'],
      reason: '2 images: kept 2 vision targets of 3',
    },
    {
      name: 'all vision targets are kept as they are',
      targets: [localVision, cloudVision],
      imageCount: 1,
      type: 'ranked',
      ids: ['local-vision', 'cloud-vision'],
      reason: '1 image: all 2 targets accept images',
    },
    {
      name: 'no vision target rejects',
      targets: [text],
      imageCount: 1,
      type: 'rejected',
      ids: [],
      reason: 'request has 1 image and no target accepts images',
    },
    {
      name: 'text-only requests are not its business',
      targets: [text, localVision],
      imageCount: 0,
      type: 'not-applicable',
      ids: [],
      reason: 'no image inputs',
    },
  ])('$name', ({ targets, imageCount, type, ids, reason }) => {
    const decision = decideWith(policy, { targets, profile: { imageCount } });
    expect(decision.type).toBe(type);
    expect(idsOf(decision)).toEqual(ids);
    expect(decision.reason).toBe(reason);
  });

  it('gives each dropped target a reason', () => {
    const decision = decideWith(policy, { targets: [text, localVision], profile: { imageCount: 1 } });
    expect(decision.type === 'ranked' && decision.dropped).toEqual([
      { target: 'text-only', reason: 'no image input support' },
    ]);
  });

  it('reuses the input array when every target has vision', () => {
    const { decision, candidates } = decideWithInput(policy, {
      targets: [localVision, cloudVision],
      profile: { imageCount: 3 },
    });
    expect(decision.type === 'ranked' && decision.candidates).toBe(candidates);
  });

  it('rejects unknown options', () => {
    expect(() => modalityPolicy({ audio: true } as never)).toThrow('options: Unrecognized key: "audio"');
  });
});
