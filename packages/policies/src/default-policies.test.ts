import {
  type ChatRequest,
  createRouter,
  NoRouteError,
  type RequestProfile,
  type RoutingDecision,
  type TargetHealth,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { realisticRoutingTable, realisticTargets } from './__fixtures__/realistic-targets.js';
import { testProfile } from './__fixtures__/test-profile.js';
import { type DefaultPolicyName, defaultPolicies, defaultPolicyNames } from './default-policies.js';

type Scenario = {
  readonly model?: string;
  readonly profile?: Partial<RequestProfile>;
  readonly health?: Readonly<Record<string, TargetHealth>>;
  readonly options?: Partial<Record<DefaultPolicyName, unknown>>;
};

const environment = { targets: realisticTargets, routingTable: realisticRoutingTable };

function route({ model = 'auto', profile = {}, health = {}, options }: Scenario): RoutingDecision {
  const router = createRouter({
    targets: realisticTargets,
    policies: defaultPolicies(environment, options),
    health: { health: (id) => health[id] ?? 'unknown' },
    now: () => 1_700_000_000_000,
    random: () => 0.5,
    requestId: () => 'request-1',
  });
  const request: ChatRequest = { model, messages: [{ role: 'user', content: 'hello' }] };
  return router.route(request, { profile: testProfile(profile) });
}

function chainOf(decision: RoutingDecision): string[] {
  return decision.chain.map((candidate) => candidate.target.id);
}

function traceOf(decision: RoutingDecision, policy: string) {
  return decision.trace.find((entry) => entry.policy === policy);
}

const local = new Set(
  realisticTargets.filter((target) => target.locality === 'local').map((target) => target.id),
);

describe('default policies through createRouter', () => {
  it('run in the documented order', () => {
    expect(defaultPolicies(environment).map((policy) => policy.name)).toEqual([...defaultPolicyNames]);
  });

  it('send a short chat to the cheapest small local model, falling back up the tiers', () => {
    const decision = route({});
    expect(chainOf(decision)).toEqual([
      'ollama-llama3.1-8b',
      'llamacpp-qwen2.5-14b-q4',
      'ollama-llama3.3-70b-q8',
      'openrouter-gpt-4o-mini',
    ]);
    expect(decision.quantization).toBe('Q4_K_M');
    expect(decision.decidedBy).toBeUndefined();
    expect(traceOf(decision, 'tiering')?.reason).toBe('tier 1 by default; 2 of 6 targets at tier 1');
  });

  it('keep a local-only request on local targets', () => {
    const decision = route({ profile: { privacy: 'local-only', complexity: 'complex' } });
    expect(chainOf(decision)).toEqual([
      'ollama-llama3.3-70b-q8',
      'ollama-llama3.1-8b',
      'llamacpp-qwen2.5-14b-q4',
    ]);
    expect(traceOf(decision, 'privacy')?.reason).toBe('kept 3 local targets of 6');
  });

  it('send a prompt past the local ceiling to cloud, naming the numbers', () => {
    const decision = route({ profile: { promptTokens: 30_000, expectedOutputTokens: 1000 } });
    expect(chainOf(decision)).toEqual(['openrouter-gpt-4o-mini', 'openai-gpt-4o', 'anthropic-claude-sonnet']);
    expect(traceOf(decision, 'context-fit')?.dropped).toEqual([
      { target: 'ollama-llama3.1-8b', reason: 'prompt 30000 > local ceiling 24000' },
      { target: 'ollama-llama3.3-70b-q8', reason: 'prompt 30000 > local ceiling 24000' },
      { target: 'llamacpp-qwen2.5-14b-q4', reason: 'prompt 30000 > local ceiling 24000' },
    ]);
  });

  it.each([
    { name: 'many tools', profile: { toolCount: 12 }, reason: '12 tools > limit 8' },
    {
      name: 'a deep tool chain',
      profile: { toolCount: 3, toolChainDepth: 6 },
      reason: 'chain depth 6 > limit 5',
    },
  ])('send $name to cloud', ({ profile, reason }) => {
    const decision = route({ profile });
    expect(chainOf(decision)).toEqual(['openrouter-gpt-4o-mini', 'openai-gpt-4o', 'anthropic-claude-sonnet']);
    expect(traceOf(decision, 'tool-depth')?.dropped.map((entry) => entry.reason)).toEqual([
      reason,
      reason,
      reason,
    ]);
  });

  it('keep a json_schema request off targets that cannot enforce it when native is required', () => {
    const decision = route({
      profile: {
        structuredOutput: { mode: 'json_schema', schemaSize: 20, strict: true },
        complexity: 'complex',
      },
      options: { 'structured-output': { requireNative: true } },
    });
    expect(chainOf(decision)).toEqual([
      'openrouter-gpt-4o-mini',
      'openai-gpt-4o',
      'ollama-llama3.3-70b-q8',
      'ollama-llama3.1-8b',
    ]);
    expect(traceOf(decision, 'structured-output')?.dropped).toEqual([
      { target: 'anthropic-claude-sonnet', reason: 'json-mode only; schema enforcement required' },
    ]);
    expect(traceOf(decision, 'quantization')?.reason).toBe(
      'precision matters (json_schema, complex task): higher-precision local quantization first',
    );
  });

  it('route an alias to its primary, then its fallback with the mapped model and timeout', () => {
    const decision = route({ model: 'local/qwen2.5-14b' });
    expect(decision.decidedBy).toBe('routing-table');
    expect(decision).toMatchObject({
      target: 'llamacpp-qwen2.5-14b-q4',
      model: 'qwen2.5-14b-instruct-q4_k_m',
      timeoutMs: 60_000,
    });
    expect(decision.fallbacks).toEqual([
      expect.objectContaining({
        target: 'openrouter-gpt-4o-mini',
        model: 'qwen/qwen-2.5-14b-instruct',
        timeoutMs: 30_000,
      }),
    ]);
    // Ranking policies leave the decided order alone.
    expect(traceOf(decision, 'tiering')?.outcome).toBe('not-applicable');
  });

  it('send a premium name straight to cloud, the named model first', () => {
    const decision = route({ model: 'claude-sonnet-4-5', profile: { taskCategory: 'summarize' } });
    expect(chainOf(decision)).toEqual(['anthropic-claude-sonnet', 'openai-gpt-4o', 'openrouter-gpt-4o-mini']);
    expect(decision.decidedBy).toBe('routing-table');
  });

  it('send a [cloud]-tagged request to the cheapest cloud target', () => {
    const decision = route({ profile: { tierTag: 3, taskCategory: 'summarize' } });
    expect(chainOf(decision)).toEqual([
      'openrouter-gpt-4o-mini',
      'openai-gpt-4o',
      'anthropic-claude-sonnet',
      'ollama-llama3.3-70b-q8',
    ]);
    expect(traceOf(decision, 'tiering')?.reason).toBe('tier 3 from prompt tag; 3 of 6 targets at tier 3');
  });

  it('drop a local model over the memory budget', () => {
    const decision = route({
      profile: { privacy: 'local-only', requestedTier: 2 },
      options: { quantization: { memoryBudgetGb: 48 } },
    });
    expect(chainOf(decision)).toEqual(['ollama-llama3.1-8b', 'llamacpp-qwen2.5-14b-q4']);
    expect(traceOf(decision, 'quantization')?.dropped).toEqual([
      { target: 'ollama-llama3.3-70b-q8', reason: 'needs 75 GB > budget 48 GB' },
    ]);
  });

  it('skip unhealthy targets, including an alias primary', () => {
    const health = { 'ollama-llama3.1-8b': 'circuit-open', 'llamacpp-qwen2.5-14b-q4': 'unhealthy' } as const;
    expect(route({ health }).target).toBe('ollama-llama3.3-70b-q8');
    const alias = route({ model: 'local/qwen2.5-14b', health });
    expect(chainOf(alias)).toEqual(['openrouter-gpt-4o-mini']);
    expect(alias.model).toBe('qwen/qwen-2.5-14b-instruct');
  });

  it('throw NoRouteError listing each policy that turned targets away', () => {
    let error: unknown;
    try {
      route({ profile: { privacy: 'local-only', toolCount: 12 } });
    } catch (caught) {
      error = caught;
    }
    expect(NoRouteError.isInstance(error)).toBe(true);
    const rejections = (error as NoRouteError).rejections;
    expect(rejections.map((rejection) => rejection.policy)).toEqual(['privacy', 'tool-depth']);
    expect(rejections[1]).toMatchObject({ reason: 'no target handles 12 tools, chain depth 0' });
    expect(rejections[1]?.dropped.map((entry) => entry.reason)).toEqual([
      '12 tools > limit 8',
      '12 tools > limit 8',
      '12 tools > limit 8',
    ]);
  });

  it('never put a cloud target in the chain of a local-only request, even an alias fallback', () => {
    const decision = route({ model: 'local/qwen2.5-14b', profile: { privacy: 'local-only' } });
    expect(chainOf(decision)).toEqual(['llamacpp-qwen2.5-14b-q4']);
  });

  it('hold the privacy invariant across model names, needs and health states', () => {
    const models = ['auto', 'local/qwen2.5-14b', 'gpt-4o', 'claude-3-haiku', 'openai-gpt-4o', 'llama3.1:8b'];
    const needs: Partial<RequestProfile>[] = [
      {},
      { toolCount: 12 },
      { promptTokens: 20_000 },
      { tierTag: 3 },
      { structuredOutput: { mode: 'json_schema', schemaSize: 5, strict: false } },
      { imageCount: 1 },
    ];
    const healthStates: Record<string, TargetHealth>[] = [{}, { 'llamacpp-qwen2.5-14b-q4': 'unhealthy' }];
    let routed = 0;
    for (const model of models) {
      for (const need of needs) {
        for (const health of healthStates) {
          try {
            const decision = route({ model, profile: { ...need, privacy: 'local-only' }, health });
            routed++;
            for (const id of chainOf(decision))
              expect(local.has(id), `${model} ${JSON.stringify(need)} → ${id}`).toBe(true);
          } catch (error) {
            expect(NoRouteError.isInstance(error)).toBe(true);
          }
        }
      }
    }
    expect(routed).toBeGreaterThan(10);
  });
});
