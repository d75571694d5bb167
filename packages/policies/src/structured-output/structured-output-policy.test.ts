import type { StructuredOutputNeed } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { decideWith, decideWithInput, idsOf } from '../__fixtures__/decide-with.js';
import { testTarget } from '../__fixtures__/test-target.js';
import { structuredOutputPolicy } from './structured-output-policy.js';

const jsonModeA = testTarget({ id: 'json-mode-a', capabilities: { structuredOutput: 'json-mode' } });
const nativeA = testTarget({ id: 'native-a' });
const none = testTarget({ id: 'none', capabilities: { structuredOutput: 'none' } });
const jsonModeB = testTarget({ id: 'json-mode-b', capabilities: { structuredOutput: 'json-mode' } });
const nativeB = testTarget({ id: 'native-b', locality: 'cloud', tier: 3 });
const targets = [jsonModeA, nativeA, none, jsonModeB, nativeB];

const schema: StructuredOutputNeed = { mode: 'json_schema', schemaSize: 12, strict: true };

describe('structuredOutputPolicy', () => {
  it.each<{
    name: string;
    requireNative?: boolean;
    need: StructuredOutputNeed;
    locked?: boolean;
    ids: string[];
    reason: string;
    dropped: { target: string; reason: string }[];
  }>([
    {
      name: 'json_schema puts native targets first, stable within each group',
      need: schema,
      ids: ['native-a', 'native-b', 'json-mode-a', 'json-mode-b'],
      reason: 'json_schema: 2 native, 2 json-mode (native first); dropped 1 of 5',
      dropped: [{ target: 'none', reason: 'no structured output support' }],
    },
    {
      name: 'requireNative drops json-mode targets too',
      requireNative: true,
      need: schema,
      ids: ['native-a', 'native-b'],
      reason: 'json_schema: 2 native, 0 json-mode; dropped 3 of 5',
      dropped: [
        { target: 'json-mode-a', reason: 'json-mode only; schema enforcement required' },
        { target: 'none', reason: 'no structured output support' },
        { target: 'json-mode-b', reason: 'json-mode only; schema enforcement required' },
      ],
    },
    {
      name: 'a locked route is filtered but not reordered',
      need: schema,
      locked: true,
      ids: ['json-mode-a', 'native-a', 'json-mode-b', 'native-b'],
      reason: 'json_schema: 2 native, 2 json-mode; dropped 1 of 5',
      dropped: [{ target: 'none', reason: 'no structured output support' }],
    },
    {
      name: 'json_object drops only targets without JSON output, keeping order',
      need: { mode: 'json_object' },
      ids: ['json-mode-a', 'native-a', 'json-mode-b', 'native-b'],
      reason: 'json_object: kept 4 of 5 targets with JSON output',
      dropped: [{ target: 'none', reason: 'no structured output support' }],
    },
  ])('$name', ({ requireNative, need, locked, ids, reason, dropped }) => {
    const decision = decideWith(structuredOutputPolicy({ requireNative }), {
      targets,
      locked,
      profile: { structuredOutput: need },
    });
    expect(decision.type).toBe('ranked');
    expect(idsOf(decision)).toEqual(ids);
    expect(decision.reason).toBe(reason);
    expect(decision.type === 'ranked' && decision.dropped).toEqual(dropped);
  });

  it('is not applicable without a response format', () => {
    expect(decideWith(structuredOutputPolicy(), { targets }).type).toBe('not-applicable');
  });

  it.each([
    [
      { mode: 'json_schema', schemaSize: 3, strict: false },
      false,
      'json_schema request and no target supports structured output',
    ],
    [
      { mode: 'json_schema', schemaSize: 3, strict: false },
      true,
      'json_schema request and no target enforces schemas natively',
    ],
    [{ mode: 'json_object' }, false, 'json_object request and no target supports JSON output'],
  ] as const)('rejects %j (requireNative %s) with no capable target', (need, requireNative, reason) => {
    const decision = decideWith(structuredOutputPolicy({ requireNative }), {
      targets: requireNative ? [jsonModeA, none] : [none],
      profile: { structuredOutput: need },
    });
    expect(decision).toMatchObject({ type: 'rejected', reason });
  });

  it('reuses the input array when native targets already lead and nothing is dropped', () => {
    const { decision, candidates } = decideWithInput(structuredOutputPolicy(), {
      targets: [nativeA, nativeB, jsonModeA],
      profile: { structuredOutput: schema },
    });
    expect(decision.type === 'ranked' && decision.candidates).toBe(candidates);
    expect(decision.reason).toBe('json_schema: 2 native, 1 json-mode');
  });

  it('names a bad option', () => {
    expect(() => structuredOutputPolicy({ requireNative: 'yes' } as never)).toThrow(
      'options.requireNative: Invalid input: expected boolean, received string',
    );
  });
});
