import type { Fault } from '@switchyard/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExecutionError } from '../../errors/execution-error.js';
import {
  attemptLines,
  type ChatCounts,
  type EmulatorName,
  fallbackLines,
  type ScenarioWorld,
  scenarioInitialDelayMs,
  scenarioRequest,
  scenarioRouter,
  startScenarioWorld,
} from './__fixtures__/scenario-world.js';

/**
 * `router.generate` through real adapters against emulators, one fault at a time on the primary
 * hop (Ollama). Each row says what the executor must do about it — and how many calls each
 * server may see: no call is duplicated, none is made that the policy does not imply.
 */
type GenerateScenario = {
  readonly name: string;
  readonly faults: Partial<Record<EmulatorName, readonly Fault[]>>;
  readonly outcome: 'success' | 'error';
  /** The answering target, or the error code of a failed request. */
  readonly target?: string;
  readonly code?: string;
  readonly attempts: readonly string[];
  readonly fallbacks: readonly string[];
  readonly retries: number;
  readonly sleeps: readonly number[];
  readonly calls: ChatCounts;
};

const none = { ollama: 0, vllm: 0, openai: 0, anthropic: 0 };

const scenarios: readonly GenerateScenario[] = [
  {
    name: 'latency beyond the timeout → timeout, not retried (the target is slow now), fails over',
    faults: { ollama: [{ type: 'latency', ms: 1_000 }] },
    outcome: 'success',
    target: 'local-vllm',
    attempts: ['local-ollama:error:timeout', 'local-vllm:ok'],
    fallbacks: ['local-ollama→local-vllm:timeout'],
    retries: 0,
    sleeps: [],
    calls: { ...none, ollama: 1, vllm: 1 },
  },
  {
    name: 'a hung server → timeout, not retried, fails over',
    faults: { ollama: [{ type: 'hang' }] },
    outcome: 'success',
    target: 'local-vllm',
    attempts: ['local-ollama:error:timeout', 'local-vllm:ok'],
    fallbacks: ['local-ollama→local-vllm:timeout'],
    retries: 0,
    sleeps: [],
    calls: { ...none, ollama: 1, vllm: 1 },
  },
  {
    name: '429 with Retry-After: 2 → waits 2000 ms, then the same hop answers',
    faults: { ollama: [{ type: 'status', status: 429, retryAfter: 2 }] },
    outcome: 'success',
    target: 'local-ollama',
    attempts: ['local-ollama:error:rate-limited', 'local-ollama:ok'],
    fallbacks: [],
    retries: 1,
    sleeps: [2_000],
    calls: { ...none, ollama: 2 },
  },
  {
    name: '503 (server busy) with Retry-After on both calls → waits, then fails over as overloaded',
    faults: { ollama: [{ type: 'status', status: 503, retryAfter: 1, times: 2 }] },
    outcome: 'success',
    target: 'local-vllm',
    attempts: ['local-ollama:error:overloaded', 'local-ollama:error:overloaded', 'local-vllm:ok'],
    fallbacks: ['local-ollama→local-vllm:overloaded'],
    retries: 1,
    sleeps: [1_000],
    calls: { ...none, ollama: 2, vllm: 1 },
  },
  {
    name: 'Retry-After longer than maxRetryAfterMs → fails over at once, without waiting',
    faults: { ollama: [{ type: 'status', status: 429, retryAfter: 120 }] },
    outcome: 'success',
    target: 'local-vllm',
    attempts: ['local-ollama:error:rate-limited', 'local-vllm:ok'],
    fallbacks: ['local-ollama→local-vllm:rate-limited'],
    retries: 0,
    sleeps: [],
    calls: { ...none, ollama: 1, vllm: 1 },
  },
  {
    name: '500 (Ollama runner crash) → unavailable, not retried, fails over',
    faults: {
      ollama: [
        { type: 'status', status: 500, message: 'llama runner process has terminated: exit status 2' },
      ],
    },
    outcome: 'success',
    target: 'local-vllm',
    attempts: ['local-ollama:error:unavailable', 'local-vllm:ok'],
    fallbacks: ['local-ollama→local-vllm:unavailable'],
    retries: 0,
    sleeps: [],
    calls: { ...none, ollama: 1, vllm: 1 },
  },
  {
    name: 'connection reset twice → network, retried once, then fails over',
    faults: { ollama: [{ type: 'reset', times: 2 }] },
    outcome: 'success',
    target: 'local-vllm',
    attempts: ['local-ollama:error:network', 'local-ollama:error:network', 'local-vllm:ok'],
    fallbacks: ['local-ollama→local-vllm:network'],
    retries: 1,
    sleeps: [scenarioInitialDelayMs],
    calls: { ...none, ollama: 2, vllm: 1 },
  },
  {
    name: 'malformed JSON in a 200 → invalid-output, not retried, fails over',
    faults: { ollama: [{ type: 'malformed-json' }] },
    outcome: 'success',
    target: 'local-vllm',
    attempts: ['local-ollama:error:invalid-output', 'local-vllm:ok'],
    fallbacks: ['local-ollama→local-vllm:invalid-output'],
    retries: 0,
    sleeps: [],
    calls: { ...none, ollama: 1, vllm: 1 },
  },
  {
    name: 'a rate limit on a cloud hop after both local hops failed → the next cloud hop answers',
    faults: {
      ollama: [{ type: 'status', status: 500 }],
      vllm: [{ type: 'status', status: 404, message: 'The model `x` does not exist.' }],
      openai: [{ type: 'status', status: 429, retryAfter: 1, times: 2 }],
    },
    outcome: 'success',
    target: 'cloud-anthropic',
    attempts: [
      'local-ollama:error:unavailable',
      'local-vllm:error:model-not-found',
      'cloud-openai:error:rate-limited',
      'cloud-openai:error:rate-limited',
      'cloud-anthropic:ok',
    ],
    fallbacks: [
      'local-ollama→local-vllm:unavailable',
      'local-vllm→cloud-openai:model-not-found',
      'cloud-openai→cloud-anthropic:rate-limited',
    ],
    retries: 1,
    sleeps: [1_000],
    calls: { ollama: 1, vllm: 1, openai: 2, anthropic: 1 },
  },
  {
    name: 'every hop fails → exhausted with the last error, each server called as often as the policy allows',
    faults: {
      ollama: [{ type: 'status', status: 500, times: Number.POSITIVE_INFINITY }],
      vllm: [{ type: 'reset', times: Number.POSITIVE_INFINITY }],
      openai: [{ type: 'status', status: 503, times: Number.POSITIVE_INFINITY }],
      anthropic: [{ type: 'status', status: 529, times: Number.POSITIVE_INFINITY }],
    },
    outcome: 'error',
    code: 'overloaded',
    attempts: [
      'local-ollama:error:unavailable',
      'local-vllm:error:network',
      'local-vllm:error:network',
      'cloud-openai:error:overloaded',
      'cloud-openai:error:overloaded',
      'cloud-anthropic:error:overloaded',
      'cloud-anthropic:error:overloaded',
    ],
    fallbacks: [
      'local-ollama→local-vllm:unavailable',
      'local-vllm→cloud-openai:network',
      'cloud-openai→cloud-anthropic:overloaded',
    ],
    retries: 3,
    sleeps: [scenarioInitialDelayMs, scenarioInitialDelayMs, scenarioInitialDelayMs],
    calls: { ollama: 1, vllm: 2, openai: 2, anthropic: 2 },
  },
];

describe('executor fault scenarios: generate through real adapters and emulators', () => {
  let world: ScenarioWorld;
  beforeAll(async () => {
    world = await startScenarioWorld();
  });
  afterAll(async () => {
    await world.close();
  });
  beforeEach(() => {
    world.reset();
  });

  it('ranks the targets Ollama, vLLM, OpenAI, Anthropic (the order every row below relies on)', () => {
    const { router } = scenarioRouter(world);
    const chain = (privacy: 'any' | 'local-only') =>
      router.route(scenarioRequest(privacy)).chain.map((candidate) => candidate.target.id);
    expect(chain('any')).toEqual(['local-ollama', 'local-vllm', 'cloud-openai', 'cloud-anthropic']);
    expect(chain('local-only')).toEqual(['local-ollama', 'local-vllm']);
  });

  it.each(scenarios)('$name', async (scenario) => {
    for (const [name, faults] of Object.entries(scenario.faults)) {
      for (const fault of faults) world.emulators[name as EmulatorName].setFault(fault);
    }
    const { router, ends, sleeps } = scenarioRouter(world);
    const settled = await router.generate(scenarioRequest('any')).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );

    expect(ends).toHaveLength(1);
    const end = ends[0];
    expect(end?.outcome).toBe(scenario.outcome);
    expect(attemptLines(end?.attempts ?? [])).toEqual(scenario.attempts);
    expect(fallbackLines(end?.fallbacks ?? [])).toEqual(scenario.fallbacks);
    expect(end?.retries).toBe(scenario.retries);
    expect(sleeps).toEqual(scenario.sleeps);
    expect(world.chatCounts()).toEqual(scenario.calls);

    if (scenario.outcome === 'success') {
      expect('result' in settled, String('error' in settled ? settled.error : '')).toBe(true);
      if (!('result' in settled)) return;
      expect(settled.result.target.target).toBe(scenario.target);
      expect(end?.target?.target).toBe(scenario.target);
      expect(settled.result.attempts).toEqual(end?.attempts);
      expect(settled.result.completion.choices[0]?.message.content).toMatch(/^Hello from \w+ emulator\.$/);
    } else {
      expect('error' in settled).toBe(true);
      if (!('error' in settled)) return;
      const error = settled.error;
      expect(ExecutionError.isInstance(error)).toBe(true);
      if (!ExecutionError.isInstance(error)) return;
      expect(error.failure).toBe('exhausted');
      expect(error.code).toBe(scenario.code);
      expect(end?.error?.code).toBe(scenario.code);
      expect(error.attempts.map((attempt) => attempt.target)).toEqual(
        (end?.attempts ?? []).map((attempt) => attempt.target),
      );
    }
    for (const emulator of Object.values(world.emulators)) expect(emulator.errors).toEqual([]);
  });

  it('impossible usage from the server: the answer is kept, its usage normalised to non-negative integers', async () => {
    world.emulators.ollama.setFault({ type: 'wrong-usage' });
    const { router, ends } = scenarioRouter(world);
    const result = await router.generate(scenarioRequest('any'));
    expect(result.target.target).toBe('local-ollama');
    for (const usage of [result.usage, result.totalUsage, ends[0]?.usage, ends[0]?.totalUsage]) {
      for (const value of Object.values(usage ?? {})) {
        expect(Number.isInteger(value) && value >= 0, `usage ${JSON.stringify(usage)}`).toBe(true);
      }
    }
    expect(world.chatCounts()).toEqual({ ...none, ollama: 1 });
  });
});
