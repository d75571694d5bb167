import type { Fault } from '@switchyard/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExecutionError } from '../../errors/execution-error.js';
import {
  type ScenarioWorld,
  scenarioRequest,
  scenarioRouter,
  startScenarioWorld,
} from './__fixtures__/scenario-world.js';

/**
 * The privacy invariant under every fault: when both local servers fail, a `local-only` request
 * fails — the cloud servers record zero requests, at every hop, whatever the failure — and each
 * local server sees exactly the calls the retry policy allows. The same faults on a request that
 * allows cloud do reach the cloud, so the zero above can fail.
 */
type PrivacyScenario = {
  readonly name: string;
  readonly mode: 'generate' | 'stream' | 'object';
  /** Armed on both local emulators for every call. */
  readonly fault: Fault;
  /** Chat calls Ollama and vLLM each see (1 = no retry, 2 = one retry, 3 = validation retries). */
  readonly localCalls: readonly [ollama: number, vllm: number];
  /** The request's error code. */
  readonly code: string;
  /** Whether an unrestricted request gets past the local hops (false once output was streamed). */
  readonly reachesCloudWhenAllowed: boolean;
};

const scenarios: readonly PrivacyScenario[] = [
  {
    name: 'latency beyond the timeout',
    mode: 'generate',
    fault: { type: 'latency', ms: 1_000 },
    localCalls: [1, 1],
    code: 'timeout',
    reachesCloudWhenAllowed: true,
  },
  {
    name: 'hang',
    mode: 'generate',
    fault: { type: 'hang' },
    localCalls: [1, 1],
    code: 'timeout',
    reachesCloudWhenAllowed: true,
  },
  {
    name: '429 with Retry-After',
    mode: 'generate',
    fault: { type: 'status', status: 429, retryAfter: 1 },
    localCalls: [2, 2],
    code: 'rate-limited',
    reachesCloudWhenAllowed: true,
  },
  {
    name: '503 with Retry-After',
    mode: 'generate',
    fault: { type: 'status', status: 503, retryAfter: 1 },
    localCalls: [2, 2],
    code: 'overloaded',
    reachesCloudWhenAllowed: true,
  },
  {
    name: '500',
    mode: 'generate',
    fault: { type: 'status', status: 500, message: 'llama runner process has terminated: exit status 2' },
    // Ollama's 500 is a runner crash (not retried); vLLM's plain 500 is an unknown, retryable error.
    localCalls: [1, 2],
    code: 'unknown',
    reachesCloudWhenAllowed: true,
  },
  {
    name: 'connection reset',
    mode: 'generate',
    fault: { type: 'reset' },
    localCalls: [2, 2],
    code: 'network',
    reachesCloudWhenAllowed: true,
  },
  {
    name: 'malformed JSON',
    mode: 'generate',
    fault: { type: 'malformed-json' },
    localCalls: [1, 1],
    code: 'invalid-output',
    reachesCloudWhenAllowed: true,
  },
  {
    name: 'schema-violating output',
    mode: 'object',
    fault: { type: 'invalid-structured-output' },
    localCalls: [3, 3],
    code: 'invalid-output',
    reachesCloudWhenAllowed: true,
  },
  {
    name: 'stream cut before any content',
    mode: 'stream',
    fault: { type: 'cut-stream', afterChunks: 0 },
    localCalls: [2, 2],
    code: 'network',
    reachesCloudWhenAllowed: true,
  },
  {
    name: 'error event inside the stream after output',
    mode: 'stream',
    fault: { type: 'stream-error', afterChunks: 1 },
    localCalls: [1, 1],
    code: 'unavailable',
    reachesCloudWhenAllowed: false,
  },
];

const objectSchema = {
  type: 'object',
  properties: { topic: { type: 'string' } },
  required: ['topic'],
  additionalProperties: false,
} as const;

describe('executor fault scenarios: a local-only request never reaches the cloud, whatever fails', () => {
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

  async function run(scenario: PrivacyScenario, privacy: 'local-only' | 'any') {
    world.reset();
    const fault: Fault = { ...scenario.fault, times: Number.POSITIVE_INFINITY };
    world.emulators.ollama.setFault(fault);
    world.emulators.vllm.setFault(fault);
    const { router, ends } = scenarioRouter(world);
    const request = scenarioRequest(privacy);
    let error: unknown;
    try {
      if (scenario.mode === 'generate') await router.generate(request);
      else if (scenario.mode === 'object') await router.generateObject(request, { schema: objectSchema });
      else for await (const _chunk of router.stream(request)) void _chunk;
    } catch (caught) {
      error = caught;
    }
    return { error, ends, calls: world.chatCounts() };
  }

  it.each(scenarios)('$name ($mode)', async (scenario) => {
    const restricted = await run(scenario, 'local-only');
    expect(restricted.calls.openai, 'OpenAI emulator requests').toBe(0);
    expect(restricted.calls.anthropic, 'Anthropic emulator requests').toBe(0);
    const firstHopOnly = scenario.mode === 'stream' && !scenario.reachesCloudWhenAllowed;
    expect(restricted.calls.ollama).toBe(scenario.localCalls[0]);
    expect(restricted.calls.vllm).toBe(firstHopOnly ? 0 : scenario.localCalls[1]);
    expect(ExecutionError.isInstance(restricted.error), String(restricted.error)).toBe(true);
    if (ExecutionError.isInstance(restricted.error)) {
      expect(restricted.error.code).toBe(scenario.code);
      expect(restricted.error.failure).toBe(firstHopOnly ? 'stream-failed' : 'exhausted');
    }
    expect(restricted.ends).toHaveLength(1);
    expect(restricted.ends[0]?.outcome).toBe('error');
    expect(
      restricted.ends[0]?.decision.chain.every((candidate) => candidate.target.locality === 'local'),
    ).toBe(true);
    for (const attempt of restricted.ends[0]?.attempts ?? []) expect(attempt.locality).toBe('local');

    const open = await run(scenario, 'any');
    if (scenario.reachesCloudWhenAllowed) {
      expect(open.error).toBeUndefined();
      expect(open.calls.openai).toBe(1);
      expect(open.ends[0]?.target?.target).toBe('cloud-openai');
    } else {
      expect(open.calls.openai + open.calls.anthropic).toBe(0);
    }
  });
});
