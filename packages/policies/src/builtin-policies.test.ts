import { InvalidConfigError, type PolicyFactoryEnvironment } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { decideWith } from './__fixtures__/decide-with.js';
import { realisticRoutingTable, realisticTargets } from './__fixtures__/realistic-targets.js';
import { builtinPolicies } from './builtin-policies.js';
import { defaultPolicyNames } from './default-policies.js';

const environment: PolicyFactoryEnvironment = {
  targets: realisticTargets,
  routingTable: realisticRoutingTable,
};

function configError(name: string, options: unknown, within = environment): InvalidConfigError {
  const factory = builtinPolicies[name];
  if (factory === undefined) throw new Error(`no policy ${name}`);
  try {
    factory(options, within);
  } catch (error) {
    if (InvalidConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`policy ${name} accepted ${JSON.stringify(options)}`);
}

describe('builtinPolicies', () => {
  it('registers every default policy plus load-balance and learned-scorer, each named as in config', () => {
    expect(Object.keys(builtinPolicies).sort()).toEqual(
      [...defaultPolicyNames, 'load-balance', 'learned-scorer'].sort(),
    );
    // learned-scorer has no defaults: it needs weights (here an empty model).
    const required: Record<string, unknown> = {
      'learned-scorer': {
        weights: {
          format: 'switchyard-difficulty-scorer',
          version: 1,
          features: { hashBits: 8, wordBigrams: false, charNgramLength: 0 },
          bias: 0,
          indices: [],
          values: [],
        },
      },
    };
    for (const [name, factory] of Object.entries(builtinPolicies)) {
      const policy = factory(required[name], environment);
      expect(policy.name).toBe(name);
      expect(policy.specificationVersion).toBe('v1');
    }
  });

  it('passes options through', () => {
    const policy = builtinPolicies['tool-depth']?.({ maxTools: 20 }, environment);
    const decision = decideWith(policy!, { targets: realisticTargets, profile: { toolCount: 12 } });
    expect(decision.type === 'ranked' && decision.dropped).toEqual([]);
  });

  it('gives routing-table the environment table and targets', () => {
    const policy = builtinPolicies['routing-table']?.({}, environment);
    const decision = decideWith(policy!, { targets: realisticTargets, model: 'local/qwen2.5-14b' });
    expect(decision.type).toBe('decided');
  });

  it.each([
    [
      'tool-depth',
      { maxTools: 'eight' },
      'options.maxTools: Invalid input: expected number, received string',
    ],
    ['context-fit', { marginTokens: 1.5 }, 'options.marginTokens: '],
    ['tiering', { smallCategories: 'summarize' }, 'options.smallCategories: Invalid input: expected array'],
    ['cost', { budget: 1 }, 'options: Unrecognized key: "budget"'],
    ['routing-table', { routingTable: {} }, 'options: Unrecognized key: "routingTable"'],
    ['privacy', 'strict', 'options: Invalid input: expected object, received string'],
  ])('%s rejects %j naming the option', (name, options, issue) => {
    const error = configError(name, options);
    expect(error.issues[0]?.startsWith(issue)).toBe(true);
    expect(error.message).toContain(`invalid options for policy '${name}'`);
  });

  it('reports a routing table whose hop names an unknown target', () => {
    const error = configError('routing-table', undefined, {
      targets: realisticTargets,
      routingTable: {
        aliases: [
          { alias: 'fast', primary: { target: 'ollama-llama3.1-8b' }, fallbacks: [{ target: 'gone' }] },
        ],
        premium: [],
      },
    });
    expect(error.issues).toEqual([
      "options.routingTable.aliases[0].fallbacks[0].target: alias 'fast' names unknown target 'gone'",
    ]);
  });
});
