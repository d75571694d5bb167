import { InvalidConfigError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { decideWith, decideWithInput, idsOf } from '../__fixtures__/decide-with.js';
import { testTarget } from '../__fixtures__/test-target.js';
import type { ContextFitOptions } from './context-fit-options.js';
import { contextFitPolicy } from './context-fit-policy.js';

const targets = [
  testTarget({ id: 'local-8k', capabilities: { contextWindow: 8192 } }),
  testTarget({ id: 'local-32k', capabilities: { contextWindow: 32_768 } }),
  testTarget({ id: 'local-128k', tier: 2, capabilities: { contextWindow: 131_072 } }),
  testTarget({ id: 'cloud-128k', locality: 'cloud', tier: 3, capabilities: { contextWindow: 128_000 } }),
  testTarget({
    id: 'cloud-200k',
    locality: 'cloud',
    tier: 3,
    capabilities: { contextWindow: 200_000, maxOutputTokens: 8192 },
  }),
];

describe('contextFitPolicy', () => {
  it.each<{
    name: string;
    options?: ContextFitOptions;
    promptTokens: number;
    maxOutputTokens?: number;
    expectedOutputTokens: number;
    ids: string[];
    reason: string;
    dropped: { target: string; reason: string }[];
  }>([
    {
      name: 'a short request fits everywhere',
      promptTokens: 500,
      expectedOutputTokens: 300,
      ids: ['local-8k', 'local-32k', 'local-128k', 'cloud-128k', 'cloud-200k'],
      reason: 'all 5 targets fit 1081 tokens (prompt 500 + output 300 + margin 281)',
      dropped: [],
    },
    {
      name: 'a small window is dropped with numbers',
      promptTokens: 10_000,
      expectedOutputTokens: 1000,
      ids: ['local-32k', 'local-128k', 'cloud-128k', 'cloud-200k'],
      reason: 'kept 4 of 5 targets fitting 11756 tokens (prompt 10000 + output 1000 + margin 756)',
      dropped: [{ target: 'local-8k', reason: 'window 8192 < needed 11756' }],
    },
    {
      name: 'the output cap counts instead of the expected output',
      promptTokens: 6000,
      maxOutputTokens: 2000,
      expectedOutputTokens: 200,
      ids: ['local-32k', 'local-128k', 'cloud-128k', 'cloud-200k'],
      reason: 'kept 4 of 5 targets fitting 8556 tokens (prompt 6000 + output 2000 + margin 556)',
      dropped: [{ target: 'local-8k', reason: 'window 8192 < needed 8556' }],
    },
    {
      name: 'a prompt past the local ceiling goes to cloud even when the local window is large',
      promptTokens: 28_000,
      maxOutputTokens: 1000,
      expectedOutputTokens: 1000,
      ids: ['cloud-128k', 'cloud-200k'],
      reason: 'kept 2 of 5 targets fitting 30656 tokens (prompt 28000 + output 1000 + margin 1656)',
      dropped: [
        { target: 'local-8k', reason: 'window 8192 < needed 30656' },
        { target: 'local-32k', reason: 'prompt 28000 > local ceiling 24000' },
        { target: 'local-128k', reason: 'prompt 28000 > local ceiling 24000' },
      ],
    },
    {
      name: 'the local ceiling can be disabled',
      options: { maxLocalContextTokens: null },
      promptTokens: 28_000,
      expectedOutputTokens: 1000,
      ids: ['local-32k', 'local-128k', 'cloud-128k', 'cloud-200k'],
      reason: 'kept 4 of 5 targets fitting 30656 tokens (prompt 28000 + output 1000 + margin 1656)',
      dropped: [{ target: 'local-8k', reason: 'window 8192 < needed 30656' }],
    },
    {
      name: 'a target whose output cap is below max_tokens is dropped',
      promptTokens: 1000,
      maxOutputTokens: 16_000,
      expectedOutputTokens: 16_000,
      ids: ['local-32k', 'local-128k', 'cloud-128k'],
      reason: 'kept 3 of 5 targets fitting 17306 tokens (prompt 1000 + output 16000 + margin 306)',
      dropped: [
        { target: 'local-8k', reason: 'window 8192 < needed 17306' },
        { target: 'cloud-200k', reason: 'max output 8192 < requested 16000' },
      ],
    },
    {
      name: 'margins follow the options',
      options: { marginTokens: 0, marginRatio: 0, maxLocalContextTokens: 7000 },
      promptTokens: 7000,
      expectedOutputTokens: 1192,
      ids: ['local-8k', 'local-32k', 'local-128k', 'cloud-128k', 'cloud-200k'],
      reason: 'all 5 targets fit 8192 tokens (prompt 7000 + output 1192 + margin 0)',
      dropped: [],
    },
  ])('$name', ({ options, promptTokens, maxOutputTokens, expectedOutputTokens, ids, reason, dropped }) => {
    const decision = decideWith(contextFitPolicy(options), {
      targets,
      profile: { promptTokens, maxOutputTokens, expectedOutputTokens },
    });
    expect(decision.type).toBe('ranked');
    expect(idsOf(decision)).toEqual(ids);
    expect(decision.reason).toBe(reason);
    expect(decision.type === 'ranked' && decision.dropped).toEqual(dropped);
  });

  it('rejects when nothing fits, listing every target', () => {
    const decision = decideWith(contextFitPolicy(), {
      targets,
      profile: { promptTokens: 300_000, expectedOutputTokens: 500 },
    });
    expect(decision).toMatchObject({
      type: 'rejected',
      reason: 'no target fits 315756 tokens (prompt 300000 + output 500 + margin 15256)',
    });
    expect(decision.type === 'rejected' && decision.dropped?.map((entry) => entry.target)).toEqual(
      targets.map((target) => target.id),
    );
  });

  it('reuses the input array when everything fits', () => {
    const { decision, candidates } = decideWithInput(contextFitPolicy(), { targets });
    expect(decision.type === 'ranked' && decision.candidates).toBe(candidates);
  });

  it.each([
    [{ marginRatio: 2 }, /options\.marginRatio: /],
    [{ marginTokens: -1 }, /options\.marginTokens: /],
    [{ maxLocalContextTokens: 'big' }, /options\.maxLocalContextTokens: Invalid input: expected number/],
  ])('rejects bad options %j naming the option', (options, message) => {
    expect(() => contextFitPolicy(options as never)).toThrow(InvalidConfigError);
    expect(() => contextFitPolicy(options as never)).toThrow(message);
  });
});
