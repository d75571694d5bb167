import { parseConfig } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { primaryTargetsOf } from './primary-targets.js';

const capabilities = { contextWindow: 8192 };
const backends = {
  ollama: { kind: 'ollama' },
  openai: { kind: 'openai', apiKeyEnv: 'UNUSED_KEY' },
};
const local = (id: string) => ({ id, backend: 'ollama', model: `${id}:8b`, capabilities });
const cloud = (id: string) => ({ id, backend: 'openai', model: id, capabilities });

describe('primaryTargetsOf', () => {
  it.each([
    {
      name: 'the primary of each alias, once, in config order',
      targets: [local('a'), local('b'), cloud('c')],
      aliases: {
        first: { primary: 'b', fallbacks: ['a'] },
        second: { primary: 'c' },
        third: { primary: { target: 'b', model: 'other' } },
      },
      expected: { ids: ['b', 'c'], rule: 'route-primaries' },
    },
    {
      name: 'every local target when there are no aliases',
      targets: [local('a'), cloud('c'), local('b')],
      aliases: {},
      expected: { ids: ['a', 'b'], rule: 'local-targets' },
    },
    {
      name: 'every target when there are neither aliases nor local targets',
      targets: [cloud('c'), cloud('d')],
      aliases: {},
      expected: { ids: ['c', 'd'], rule: 'all-targets' },
    },
  ])('$name', ({ targets, aliases, expected }) => {
    const config = parseConfig({ backends, targets, routes: { aliases } }, { env: {} });
    expect(primaryTargetsOf(config)).toEqual(expected);
  });
});
