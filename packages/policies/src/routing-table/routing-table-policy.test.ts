import type { RoutingTable } from '@switchyard/core';
import { InvalidConfigError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { decideWith, decideWithInput, idsOf } from '../__fixtures__/decide-with.js';
import { testTarget } from '../__fixtures__/test-target.js';
import { resolveModelName } from './resolve-model-name.js';
import { routingTablePolicy } from './routing-table-policy.js';

const ollama8b = testTarget({ id: 'ollama-8b', model: 'llama3.1:8b' });
const qwen = testTarget({ id: 'llamacpp-qwen', kind: 'llamacpp', model: 'qwen2.5-14b-instruct' });
const gpt4o = testTarget({
  id: 'openai-gpt-4o',
  kind: 'openai',
  model: 'gpt-4o',
  locality: 'cloud',
  tier: 3,
});
const claude = testTarget({
  id: 'anthropic-sonnet',
  kind: 'anthropic',
  model: 'claude-sonnet-4-5',
  locality: 'cloud',
  tier: 3,
});
const openrouter = testTarget({
  id: 'openrouter',
  kind: 'openrouter',
  model: 'openai/gpt-4o-mini',
  locality: 'cloud',
  tier: 3,
});
const targets = [ollama8b, qwen, gpt4o, claude, openrouter];

const routingTable: RoutingTable = {
  aliases: [
    {
      alias: 'local/qwen2.5-14b',
      primary: { target: 'llamacpp-qwen', timeoutMs: 60_000 },
      fallbacks: [{ target: 'openrouter', model: 'qwen/qwen-2.5-14b-instruct', timeoutMs: 30_000 }],
    },
    { alias: 'chat/fast', primary: { target: 'ollama-8b' }, fallbacks: [{ target: 'llamacpp-qwen' }] },
  ],
  premium: ['gpt-4o', 'anthropic/*', 'claude-*'],
};

const policy = routingTablePolicy({ routingTable, targets });

describe('routingTablePolicy', () => {
  it('routes an alias to its primary then fallbacks, with model overrides and timeouts', () => {
    const decision = decideWith(policy, { targets, model: 'local/qwen2.5-14b' });
    expect(decision.type).toBe('decided');
    if (decision.type !== 'decided') return;
    expect(decision.candidates).toEqual([
      { target: qwen, model: 'qwen2.5-14b-instruct', timeoutMs: 60_000 },
      { target: openrouter, model: 'qwen/qwen-2.5-14b-instruct', timeoutMs: 30_000 },
    ]);
    expect(decision.reason).toBe(
      "alias 'local/qwen2.5-14b' → llamacpp-qwen, then openrouter as qwen/qwen-2.5-14b-instruct",
    );
    expect(decision.dropped?.map((entry) => entry.target)).toEqual([
      'ollama-8b',
      'openai-gpt-4o',
      'anthropic-sonnet',
    ]);
    expect(decision.dropped?.[0]?.reason).toBe("not in the route of alias 'local/qwen2.5-14b'");
  });

  it('passes a hop without overrides through as the same candidate', () => {
    const { decision, candidates } = decideWithInput(policy, { targets, model: 'chat/fast' });
    expect(decision.type === 'decided' && decision.candidates[0]).toBe(candidates[0]);
    expect(idsOf(decision)).toEqual(['ollama-8b', 'llamacpp-qwen']);
  });

  it.each([
    {
      name: 'skips a hop whose target is gone',
      available: [ollama8b, gpt4o, openrouter],
      type: 'decided',
      ids: ['openrouter'],
      reason:
        "alias 'local/qwen2.5-14b' → openrouter as qwen/qwen-2.5-14b-instruct; skipped unavailable llamacpp-qwen",
    },
    {
      name: 'rejects naming the alias when every hop is gone',
      available: [ollama8b, gpt4o],
      type: 'rejected',
      ids: [],
      reason: "alias 'local/qwen2.5-14b': no hop's target is available (llamacpp-qwen, openrouter)",
    },
  ])('alias $name', ({ available, type, ids, reason }) => {
    const decision = decideWith(policy, { targets: available, model: 'local/qwen2.5-14b' });
    expect(decision.type).toBe(type);
    expect(idsOf(decision)).toEqual(ids);
    expect(decision.reason).toBe(reason);
  });

  it.each([
    {
      model: 'gpt-4o',
      type: 'decided',
      ids: ['openai-gpt-4o', 'anthropic-sonnet', 'openrouter'],
      reason: "premium model 'gpt-4o' goes to cloud: openai-gpt-4o first, then 2 other cloud targets",
    },
    {
      model: 'claude-sonnet-4-5',
      type: 'decided',
      ids: ['anthropic-sonnet', 'openai-gpt-4o', 'openrouter'],
      reason:
        "premium model 'claude-sonnet-4-5' goes to cloud: anthropic-sonnet first, then 2 other cloud targets",
    },
    {
      model: 'claude-3-5-haiku',
      type: 'decided',
      ids: ['anthropic-sonnet', 'openai-gpt-4o', 'openrouter'],
      reason:
        "premium model 'claude-3-5-haiku' goes to cloud: anthropic-sonnet (serving claude-*) first, then 2 other cloud targets",
    },
    {
      model: 'anthropic/claude-3.7-sonnet',
      type: 'ranked',
      ids: ['openai-gpt-4o', 'anthropic-sonnet', 'openrouter'],
      reason: "premium model 'anthropic/claude-3.7-sonnet' goes to cloud: kept 3 cloud targets of 5",
    },
  ])('premium name $model goes to cloud only', ({ model, type, ids, reason }) => {
    const decision = decideWith(policy, { targets, model });
    expect(decision.type).toBe(type);
    expect(idsOf(decision)).toEqual(ids);
    expect(decision.reason).toBe(reason);
    expect(decision.type !== 'not-applicable' && decision.dropped).toEqual([
      { target: 'ollama-8b', reason: `local target; premium model '${model}' goes to cloud` },
      { target: 'llamacpp-qwen', reason: `local target; premium model '${model}' goes to cloud` },
    ]);
  });

  it('prefers the named model over others of its premium family', () => {
    const openrouterClaude = testTarget({
      id: 'openrouter-claude',
      kind: 'openrouter',
      model: 'anthropic/claude-3.5-haiku',
      locality: 'cloud',
      tier: 3,
    });
    const withFamily = [gpt4o, openrouterClaude, claude, openrouter];
    const family = decideWith(policy, { targets: withFamily, model: 'anthropic/claude-3.7-sonnet' });
    expect(family.type).toBe('decided');
    expect(idsOf(family)).toEqual(['openrouter-claude', 'openai-gpt-4o', 'anthropic-sonnet', 'openrouter']);
    const named = decideWith(policy, { targets: withFamily, model: 'claude-sonnet-4-5' });
    expect(idsOf(named)).toEqual(['anthropic-sonnet', 'openai-gpt-4o', 'openrouter-claude', 'openrouter']);
  });

  it('rejects a premium name when no cloud target is left', () => {
    expect(decideWith(policy, { targets: [ollama8b, qwen], model: 'gpt-4o' })).toMatchObject({
      type: 'rejected',
      reason: "premium model 'gpt-4o' goes to cloud and no cloud target is left",
    });
  });

  it.each([
    {
      model: 'anthropic-sonnet',
      ids: ['anthropic-sonnet', 'ollama-8b', 'llamacpp-qwen', 'openai-gpt-4o', 'openrouter'],
    },
    {
      model: 'llama3.1:8b',
      ids: ['ollama-8b', 'llamacpp-qwen', 'openai-gpt-4o', 'anthropic-sonnet', 'openrouter'],
    },
    {
      model: 'openai/gpt-4o-mini',
      ids: ['openrouter', 'ollama-8b', 'llamacpp-qwen', 'openai-gpt-4o', 'anthropic-sonnet'],
    },
  ])('a target name $model puts that target first and keeps the rest in order', ({ model, ids }) => {
    const decision = decideWith(policy, { targets, model });
    expect(decision.type).toBe('decided');
    expect(idsOf(decision)).toEqual(ids);
  });

  it('reuses the input array when the named target is already first', () => {
    const { decision, candidates } = decideWithInput(policy, { targets, model: 'ollama-8b' });
    expect(decision.type === 'decided' && decision.candidates).toBe(candidates);
    expect(decision.reason).toBe("model 'ollama-8b' names ollama-8b: first, then 4 others");
  });

  it('rejects a named target that an earlier policy removed', () => {
    expect(decideWith(policy, { targets: [qwen, gpt4o], model: 'ollama-8b' })).toEqual({
      type: 'rejected',
      reason: "model 'ollama-8b' names a target an earlier policy removed",
    });
  });

  it.each([
    { model: 'auto', options: {}, reason: "model 'auto'" },
    { model: 'mystery-model', options: {}, reason: "model 'mystery-model' is not in the routing table" },
    {
      model: 'ollama-8b',
      options: { matchTargets: false },
      reason: "model 'ollama-8b' is not in the routing table",
    },
  ])('is not applicable to $model with $options', ({ model, options, reason }) => {
    const decision = decideWith(routingTablePolicy({ routingTable, targets, ...options }), {
      targets,
      model,
    });
    expect(decision).toEqual({ type: 'not-applicable', reason });
  });

  it.each([
    [
      { routingTable: { aliases: [], premium: ['claude*-x'] } },
      "options.routingTable.premium[0]: '*' is only allowed at the end, as a prefix wildcard ('anthropic/*')",
    ],
    [{ routingTable: { aliases: [], premium: ['*'] } }, 'options.routingTable.premium[0]: a lone'],
    [
      {
        routingTable: {
          aliases: [
            { alias: 'a', primary: { target: 'ollama-8b' }, fallbacks: [] },
            { alias: 'a', primary: { target: 'llamacpp-qwen' }, fallbacks: [] },
          ],
          premium: [],
        },
      },
      "options.routingTable.aliases[1].alias: duplicate alias 'a'",
    ],
    [
      {
        targets,
        routingTable: {
          aliases: [{ alias: 'x', primary: { target: 'ollama-8b' }, fallbacks: [{ target: 'nope' }] }],
        },
      },
      "options.routingTable.aliases[0].fallbacks[0].target: alias 'x' names unknown target 'nope'",
    ],
    [{ matchTargets: 'yes' }, 'options.matchTargets: Invalid input: expected boolean'],
  ])('names the bad option in %j', (options, message) => {
    expect(() => routingTablePolicy(options as never)).toThrow(InvalidConfigError);
    expect(() => routingTablePolicy(options as never)).toThrow(message);
  });
});

describe('resolveModelName', () => {
  it.each([
    ['local/qwen2.5-14b', 'alias'],
    ['gpt-4o', 'premium'],
    ['claude-opus-4', 'premium'],
    ['anthropic/claude-3-haiku', 'premium'],
    ['anthropic', 'unknown'],
    ['llamacpp-qwen', 'target'],
    ['llama3.1:8b', 'target'],
    ['auto', 'auto'],
    ['gpt-5-ultra', 'unknown'],
  ] as const)('%s → %s', (name, kind) => {
    expect(resolveModelName(routingTable, targets, name)).toBe(kind);
  });

  it('treats target names as unknown when target matching is off', () => {
    expect(resolveModelName(routingTable, targets, 'llama3.1:8b', { matchTargets: false })).toBe('unknown');
  });
});
