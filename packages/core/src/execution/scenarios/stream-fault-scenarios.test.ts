import type { Fault } from '@switchyard/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExecutionError } from '../../errors/execution-error.js';
import {
  attemptLines,
  type ChatCounts,
  fallbackLines,
  type ScenarioWorld,
  scenarioInitialDelayMs,
  scenarioRequest,
  scenarioRouter,
  startScenarioWorld,
} from './__fixtures__/scenario-world.js';

/**
 * `router.stream` through real adapters against emulators, one fault on the primary hop
 * (Ollama). Before the first content chunk every option is open (retry, fail over); once output
 * has reached the caller a failure must throw from the iterator — never end the stream as if it
 * were complete, never continue on another hop.
 */
type StreamScenario = {
  readonly name: string;
  readonly fault: Fault;
  /** `complete`: the stream finished; `failed`: the iterator threw after output. */
  readonly outcome: 'complete' | 'failed-after-output';
  readonly target?: string;
  readonly text?: string;
  readonly attempts: readonly string[];
  readonly fallbacks: readonly string[];
  readonly retries: number;
  readonly sleeps: readonly number[];
  readonly calls: ChatCounts;
};

const local = (ollama: number, vllm: number): ChatCounts => ({ ollama, vllm, openai: 0, anthropic: 0 });

const scenarios: readonly StreamScenario[] = [
  {
    name: 'a stream cut mid-way after output → the iterator throws stream-failed; no other hop is called',
    fault: { type: 'cut-stream', afterChunks: 2 },
    outcome: 'failed-after-output',
    attempts: ['local-ollama:error:network'],
    fallbacks: [],
    retries: 0,
    sleeps: [],
    calls: local(1, 0),
  },
  {
    name: 'an error event inside the 200 stream after output → the iterator throws stream-failed',
    fault: { type: 'stream-error', afterChunks: 2, message: 'llama runner process has terminated' },
    outcome: 'failed-after-output',
    attempts: ['local-ollama:error:unavailable'],
    fallbacks: [],
    retries: 0,
    sleeps: [],
    calls: local(1, 0),
  },
  {
    name: 'a malformed frame after output → the iterator throws stream-failed (invalid-output)',
    fault: { type: 'malformed-json', afterChunks: 2 },
    outcome: 'failed-after-output',
    attempts: ['local-ollama:error:invalid-output'],
    fallbacks: [],
    retries: 0,
    sleeps: [],
    calls: local(1, 0),
  },
  {
    name: 'an error before any output (Ollama: a 500) → fails over; the caller only sees the next hop',
    fault: { type: 'stream-error', afterChunks: 0, message: 'llama runner process has terminated' },
    outcome: 'complete',
    target: 'local-vllm',
    text: 'Hello from vllm emulator.',
    attempts: ['local-ollama:error:unavailable', 'local-vllm:ok'],
    fallbacks: ['local-ollama→local-vllm:unavailable'],
    retries: 0,
    sleeps: [],
    calls: local(1, 1),
  },
  {
    name: 'a stream cut before any content → retried on the same hop, which then answers',
    fault: { type: 'cut-stream', afterChunks: 0 },
    outcome: 'complete',
    target: 'local-ollama',
    text: 'Hello from ollama emulator.',
    attempts: ['local-ollama:error:network', 'local-ollama:ok'],
    fallbacks: [],
    retries: 1,
    sleeps: [scenarioInitialDelayMs],
    calls: local(2, 0),
  },
  {
    name: 'a hang before the first token → first-token timeout, fails over',
    fault: { type: 'hang' },
    outcome: 'complete',
    target: 'local-vllm',
    text: 'Hello from vllm emulator.',
    attempts: ['local-ollama:error:timeout', 'local-vllm:ok'],
    fallbacks: ['local-ollama→local-vllm:timeout'],
    retries: 0,
    sleeps: [],
    calls: local(1, 1),
  },
  {
    name: '429 with Retry-After before the stream → waits as told, the same hop streams',
    fault: { type: 'status', status: 429, retryAfter: 1 },
    outcome: 'complete',
    target: 'local-ollama',
    text: 'Hello from ollama emulator.',
    attempts: ['local-ollama:error:rate-limited', 'local-ollama:ok'],
    fallbacks: [],
    retries: 1,
    sleeps: [1_000],
    calls: local(2, 0),
  },
];

describe('executor fault scenarios: streams through real adapters and emulators', () => {
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

  it.each(scenarios)('$name', async (scenario) => {
    world.emulators.ollama.setFault(scenario.fault);
    const { router, ends, sleeps } = scenarioRouter(world);
    const stream = router.stream(scenarioRequest('any'));
    const result = stream.result.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    let text = '';
    let thrown: unknown;
    try {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    } catch (error) {
      thrown = error;
    }
    const settled = await result;

    expect(ends).toHaveLength(1);
    const end = ends[0];
    expect(attemptLines(end?.attempts ?? [])).toEqual(scenario.attempts);
    expect(fallbackLines(end?.fallbacks ?? [])).toEqual(scenario.fallbacks);
    expect(end?.retries).toBe(scenario.retries);
    expect(sleeps).toEqual(scenario.sleeps);
    expect(world.chatCounts()).toEqual(scenario.calls);

    if (scenario.outcome === 'complete') {
      expect(thrown).toBeUndefined();
      expect(text).toBe(scenario.text);
      expect(end?.outcome).toBe('success');
      expect(end?.target?.target).toBe(scenario.target);
      expect('value' in settled && settled.value.finishReason).toBe('stop');
      return;
    }
    // Output reached the caller, then the hop failed: a failure, never a truncated success.
    expect(text.length, 'content reached the caller before the failure').toBeGreaterThan(0);
    expect(text).not.toBe('Hello from ollama emulator.');
    expect(ExecutionError.isInstance(thrown), String(thrown)).toBe(true);
    if (!ExecutionError.isInstance(thrown)) return;
    expect(thrown.failure).toBe('stream-failed');
    expect(thrown.code).toBe(end?.attempts.at(-1)?.errorCode);
    expect(thrown.phase).toBe('stream');
    expect(end?.outcome).toBe('error');
    expect(end?.error?.code).toBe(thrown.code);
    expect('error' in settled && settled.error).toBe(thrown);
  });
});
