import { InvalidConfigError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { decideWith, decideWithInput, idsOf } from '../__fixtures__/decide-with.js';
import { testTarget } from '../__fixtures__/test-target.js';
import type { ToolDepthOptions } from './tool-depth-options.js';
import { toolDepthPolicy } from './tool-depth-policy.js';

const targets = [
  testTarget({ id: 'local-no-tools', capabilities: { tools: false } }),
  testTarget({ id: 'local-default' }),
  testTarget({ id: 'local-rated', capabilities: { maxTools: 20, maxToolChainDepth: 2 } }),
  testTarget({ id: 'cloud-default', locality: 'cloud', tier: 3 }),
  testTarget({ id: 'cloud-rated', locality: 'cloud', tier: 3, capabilities: { maxTools: 10 } }),
];

describe('toolDepthPolicy', () => {
  it.each<{
    name: string;
    options?: ToolDepthOptions;
    toolCount: number;
    toolChainDepth: number;
    ids: string[];
    reason: string;
    dropped: { target: string; reason: string }[];
  }>([
    {
      name: 'a few tools need tool support only',
      toolCount: 3,
      toolChainDepth: 0,
      ids: ['local-default', 'local-rated', 'cloud-default', 'cloud-rated'],
      reason: '3 tools, chain depth 0: kept 4 of 5 targets',
      dropped: [{ target: 'local-no-tools', reason: 'no tool support' }],
    },
    {
      name: 'more tools than the local default go to rated or cloud targets',
      toolCount: 12,
      toolChainDepth: 0,
      ids: ['local-rated', 'cloud-default'],
      reason: '12 tools, chain depth 0: kept 2 of 5 targets',
      dropped: [
        { target: 'local-no-tools', reason: 'no tool support' },
        { target: 'local-default', reason: '12 tools > limit 8' },
        { target: 'cloud-rated', reason: '12 tools > limit 10' },
      ],
    },
    {
      name: 'exactly the limit is allowed',
      toolCount: 8,
      toolChainDepth: 5,
      ids: ['local-default', 'cloud-default', 'cloud-rated'],
      reason: '8 tools, chain depth 5: kept 3 of 5 targets',
      dropped: [
        { target: 'local-no-tools', reason: 'no tool support' },
        { target: 'local-rated', reason: 'chain depth 5 > limit 2' },
      ],
    },
    {
      name: 'a deep chain without tools offered checks depth only',
      toolCount: 0,
      toolChainDepth: 6,
      ids: ['cloud-default', 'cloud-rated'],
      reason: '0 tools, chain depth 6: kept 2 of 5 targets',
      dropped: [
        { target: 'local-no-tools', reason: 'chain depth 6 > limit 5' },
        { target: 'local-default', reason: 'chain depth 6 > limit 5' },
        { target: 'local-rated', reason: 'chain depth 6 > limit 2' },
      ],
    },
    {
      name: 'options raise the local defaults',
      options: { maxTools: 16, maxToolChainLength: 8 },
      toolCount: 12,
      toolChainDepth: 6,
      ids: ['local-default', 'cloud-default'],
      reason: '12 tools, chain depth 6: kept 2 of 5 targets',
      dropped: [
        { target: 'local-no-tools', reason: 'no tool support' },
        { target: 'local-rated', reason: 'chain depth 6 > limit 2' },
        { target: 'cloud-rated', reason: '12 tools > limit 10' },
      ],
    },
  ])('$name', ({ options, toolCount, toolChainDepth, ids, reason, dropped }) => {
    const decision = decideWith(toolDepthPolicy(options), {
      targets,
      profile: { toolCount, toolChainDepth },
    });
    expect(decision.type).toBe('ranked');
    expect(idsOf(decision)).toEqual(ids);
    expect(decision.reason).toBe(reason);
    expect(decision.type === 'ranked' && decision.dropped).toEqual(dropped);
  });

  it('is not applicable without tools or tool-call rounds', () => {
    expect(decideWith(toolDepthPolicy(), { targets, profile: { toolCount: 0, toolChainDepth: 0 } })).toEqual({
      type: 'not-applicable',
      reason: 'no tools and no tool-call rounds',
    });
  });

  it('rejects when no target handles the request', () => {
    const decision = decideWith(toolDepthPolicy(), {
      targets: targets.slice(0, 3),
      profile: { toolCount: 30, toolChainDepth: 1 },
    });
    expect(decision).toMatchObject({ type: 'rejected', reason: 'no target handles 30 tools, chain depth 1' });
    expect(decision.type === 'rejected' && decision.dropped).toHaveLength(3);
  });

  it('reuses the input array when every target qualifies', () => {
    const { decision, candidates } = decideWithInput(toolDepthPolicy(), {
      targets: targets.slice(1),
      profile: { toolCount: 2, toolChainDepth: 1 },
    });
    expect(decision.type === 'ranked' && decision.candidates).toBe(candidates);
  });

  it('names a bad option', () => {
    expect(() => toolDepthPolicy({ maxTools: 'many' } as never)).toThrow(InvalidConfigError);
    expect(() => toolDepthPolicy({ maxTools: 'many' } as never)).toThrow(
      'options.maxTools: Invalid input: expected number, received string',
    );
  });
});
