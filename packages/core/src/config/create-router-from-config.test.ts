import { describe, expect, test } from 'vitest';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import { NoRouteError } from '../errors/no-route-error.js';
import { createFakeBackend, type FakeStep } from '../execution/__fixtures__/fake-backend.js';
import type { ChatRequest } from '../request/chat-request-schema.js';
import type { PolicyFactoryEnvironment, PolicyRegistry } from '../spec/policy-registry.js';
import { createRouterFromConfig } from './create-router-from-config.js';
import { parseConfig } from './parse-config.js';

/** A tiny registry so these tests do not depend on @switchyard/policies. */
const seenEnvironments: PolicyFactoryEnvironment[] = [];
const registry: PolicyRegistry = {
  'local-first': (_options, environment) => {
    seenEnvironments.push(environment);
    return {
      specificationVersion: 'v1',
      name: 'local-first',
      decide: ({ candidates }) => ({
        type: 'ranked',
        reason: 'local targets first',
        candidates: [...candidates].sort(
          (a, b) => Number(b.target.locality === 'local') - Number(a.target.locality === 'local'),
        ),
      }),
    };
  },
  'max-tier': (options) => {
    const maxTier = (options as { maxTier?: unknown } | undefined)?.maxTier ?? 3;
    if (typeof maxTier !== 'number') {
      throw new InvalidConfigError({
        message: 'invalid options',
        issues: ['options.maxTier: Invalid input: expected number, received string'],
      });
    }
    return {
      specificationVersion: 'v1',
      name: 'max-tier',
      decide: ({ candidates }) => ({
        type: 'ranked',
        reason: `tier ≤ ${maxTier}`,
        candidates: candidates.filter((candidate) => candidate.target.tier <= maxTier),
      }),
    };
  },
  clock: () => ({
    specificationVersion: 'v1',
    name: 'clock',
    decide: ({ context, candidates }) => ({
      type: 'ranked',
      reason: `now=${context.now()} random=${context.random()} health=${context.health.health(candidates[0]?.target.id ?? '')}`,
      candidates,
    }),
  }),
  broken: () => {
    throw new Error('needs a table');
  },
};

const yaml = (policies: string) => `
backends:
  ollama: { kind: ollama }
  openai: { kind: openai }
targets:
  - { id: gpt-4o, backend: openai, model: gpt-4o, capabilities: { contextWindow: 128000 } }
  - { id: llama-70b, backend: ollama, model: 'llama3.1:70b', tier: 2, capabilities: { contextWindow: 131072 } }
  - { id: llama-8b, backend: ollama, model: 'llama3.1:8b', capabilities: { contextWindow: 131072 } }
  - { id: qwen-14b, backend: ollama, model: 'qwen2.5:14b', capabilities: { contextWindow: 32768 } }
  - { id: gpt-4o-mini, backend: openai, model: gpt-4o-mini, capabilities: { contextWindow: 128000 } }
routes:
  aliases:
    local/llama: { primary: llama-8b, fallbacks: [gpt-4o] }
router:
  maxFallbacks: 2
${policies}
`;

const request: ChatRequest = { model: 'auto', messages: [{ role: 'user', content: 'Summarize this.' }] };

function issuesOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (InvalidConfigError.isInstance(error)) return error.issues;
    throw error;
  }
  throw new Error('expected InvalidConfigError');
}

describe('createRouterFromConfig', () => {
  test('builds the listed policies in order with their options, and keeps maxFallbacks', () => {
    const config = parseConfig(yaml('policies: [local-first, { name: max-tier, options: { maxTier: 1 } }]'), {
      env: {},
    });
    const router = createRouterFromConfig(config, { registry, requestId: () => 'request-1' });
    expect(router.policies.map((policy) => policy.name)).toEqual(['local-first', 'max-tier']);
    const decision = router.route(request);
    expect(decision.requestId).toBe('request-1');
    expect(decision.target).toBe('llama-8b');
    expect(decision.fallbacks.map((hop) => hop.target)).toEqual(['qwen-14b']);
    expect(decision.reasons).toEqual(['local-first: local targets first', 'max-tier: tier ≤ 1']);
  });

  test('cuts the chain to router.maxFallbacks', () => {
    const config = parseConfig(yaml('policies: [local-first]'), { env: {} });
    const decision = createRouterFromConfig(config, { registry }).route(request);
    expect(decision.target).toBe('llama-70b');
    expect(decision.fallbacks.map((hop) => hop.target)).toEqual(['llama-8b', 'qwen-14b']);
  });

  test('gives factories the targets and the routing table', () => {
    seenEnvironments.length = 0;
    const config = parseConfig(yaml('policies: [local-first]'), { env: {} });
    createRouterFromConfig(config, { registry });
    expect(seenEnvironments).toHaveLength(1);
    expect(seenEnvironments[0]?.targets).toBe(config.targets);
    expect(seenEnvironments[0]?.routingTable.aliases[0]).toEqual({
      alias: 'local/llama',
      primary: { target: 'llama-8b' },
      fallbacks: [{ target: 'gpt-4o' }],
    });
  });

  test('passes now, random and health through to policies', () => {
    const config = parseConfig(yaml('policies: [clock]'), { env: {} });
    const router = createRouterFromConfig(config, {
      registry,
      now: () => 1234,
      random: () => 0.5,
      health: { health: () => 'degraded' },
    });
    expect(router.route(request).reasons).toEqual(['clock: now=1234 random=0.5 health=degraded']);
  });

  test('uses defaultPolicyNames when the config lists no policies', () => {
    const config = parseConfig(yaml(''), { env: {} });
    const router = createRouterFromConfig(config, {
      registry,
      defaultPolicyNames: ['max-tier', 'local-first'],
    });
    expect(router.policies.map((policy) => policy.name)).toEqual(['max-tier', 'local-first']);
  });

  test('uses the whole registry, in order, when there is no default list either', () => {
    const { broken: _broken, ...working } = registry;
    const config = parseConfig(yaml(''), { env: {} });
    const router = createRouterFromConfig(config, { registry: working });
    expect(router.policies.map((policy) => policy.name)).toEqual(['local-first', 'max-tier', 'clock']);
  });

  test('an unknown policy names policies[i] and lists the known names', () => {
    const config = parseConfig(yaml('policies: [local-first, privcy, { name: cost }]'), {
      env: {},
      source: 'x.yaml',
    });
    const known = 'known policies: local-first, max-tier, clock, broken';
    expect(issuesOf(() => createRouterFromConfig(config, { registry }))).toEqual([
      `policies[1]: unknown policy "privcy"; ${known}`,
      `policies[2]: unknown policy "cost"; ${known}`,
    ]);
  });

  test('an unknown name in the default list says so', () => {
    const config = parseConfig(yaml(''), { env: {} });
    expect(
      issuesOf(() => createRouterFromConfig(config, { registry, defaultPolicyNames: ['nope'] })),
    ).toEqual([
      'policies (default list, item 0): unknown policy "nope"; known policies: local-first, max-tier, clock, broken',
    ]);
  });

  test('options a policy rejects are reported under policies[i].options', () => {
    const config = parseConfig(yaml("policies: [{ name: max-tier, options: { maxTier: 'one' } }, broken]"), {
      env: {},
    });
    expect(issuesOf(() => createRouterFromConfig(config, { registry }))).toEqual([
      'policies[0].options.maxTier: Invalid input: expected number, received string',
      'policies[1] (broken): invalid options: needs a table',
    ]);
  });

  test('does not treat inherited object keys as policy names', () => {
    const config = parseConfig(yaml('policies: [constructor]'), { env: {} });
    expect(issuesOf(() => createRouterFromConfig(config, { registry }))[0]).toMatch(
      /^policies\[0\]: unknown policy "constructor"/,
    );
  });

  test('the router throws NoRouteError when the policies leave nothing', () => {
    const config = parseConfig(yaml('policies: [{ name: max-tier, options: { maxTier: 0 } }]'), { env: {} });
    expect(() => createRouterFromConfig(config, { registry }).route(request)).toThrow(NoRouteError);
  });

  describe('execution settings from the config', () => {
    const executable = (retry: string, health = '') => `
backends:
  first: { kind: ollama }
  second: { kind: llamacpp }
targets:
  - { id: one, backend: first, model: m1, capabilities: { contextWindow: 8192 } }
  - { id: two, backend: second, model: m2, capabilities: { contextWindow: 8192 } }
policies: []
${retry}
${health}
`;
    const overloadedTwice: FakeStep[] = [
      { type: 'error', code: 'overloaded' },
      { type: 'error', code: 'overloaded' },
      { type: 'answer', content: 'from one' },
    ];
    const noWait = { sleep: async () => {} };

    test.each([
      [
        'retry.maxAttempts 3 retries the first target until it answers',
        'retry: { maxAttempts: 3 }',
        'one',
        3,
        0,
      ],
      ['retry.maxAttempts 2 fails over after two tries', 'retry: { maxAttempts: 2 }', 'two', 2, 1],
      ['retry.maxAttempts 1 fails over at once', 'retry: { maxAttempts: 1 }', 'two', 1, 1],
    ])('%s', async (_name, retry, answeredBy, firstCalls, secondCalls) => {
      const backends = {
        first: createFakeBackend('first', overloadedTwice),
        second: createFakeBackend('second'),
      };
      const config = parseConfig(executable(retry), { env: {} });
      const router = createRouterFromConfig(config, { registry, backends, execution: noWait });
      const result = await router.generate(request);
      expect(result.target.target).toBe(answeredBy);
      expect(backends.first.calls).toHaveLength(firstCalls);
      expect(backends.second.calls).toHaveLength(secondCalls);
    });

    test('execution options given in code win over the config', async () => {
      const backends = {
        first: createFakeBackend('first', overloadedTwice),
        second: createFakeBackend('second'),
      };
      const config = parseConfig(executable('retry: { maxAttempts: 3 }'), { env: {} });
      const router = createRouterFromConfig(config, {
        registry,
        backends,
        execution: { ...noWait, maxAttemptsPerTarget: 1 },
      });
      expect((await router.generate(request)).target.target).toBe('two');
    });

    test('the circuit breaker opens after health.failureThreshold failures', async () => {
      const failing: FakeStep[] = Array.from(
        { length: 5 },
        () => ({ type: 'error', code: 'unavailable' }) as const,
      );
      const backends = { first: createFakeBackend('first', failing), second: createFakeBackend('second') };
      const config = parseConfig(executable('retry: { maxAttempts: 1 }', 'health: { failureThreshold: 2 }'), {
        env: {},
      });
      const router = createRouterFromConfig(config, { registry, backends, execution: noWait, now: () => 0 });
      expect(router.healthTracker?.health('one')).not.toBe('circuit-open');
      await router.generate(request);
      await router.generate(request);
      expect(router.healthTracker?.health('one')).toBe('circuit-open');
    });
  });
});
