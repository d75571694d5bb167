import { createAnthropic } from '@switchyard/backend-anthropic';
import { createOllama } from '@switchyard/backend-ollama';
import { createOpenAI } from '@switchyard/backend-openai';
import { createVllm } from '@switchyard/backend-vllm';
import { costPolicy, privacyPolicy } from '@switchyard/policies';
import {
  type Emulator,
  startAnthropicEmulator,
  startOllamaEmulator,
  startOpenAIEmulator,
  startVllmEmulator,
} from '@switchyard/testing';
import { createRouter, type Router } from '../../../engine/create-router.js';
import type { ChatRequest } from '../../../request/chat-request-schema.js';
import type { BackendV1 } from '../../../spec/backend.js';
import type { RequestEndEvent, RouterEvents } from '../../../spec/router-events.js';
import type { Target } from '../../../spec/target.js';
import type { ExecutionOptions } from '../../execution-options.js';

/** The four servers of the scenarios: two local, two cloud. */
export type EmulatorName = 'ollama' | 'vllm' | 'openai' | 'anthropic';

/** Chat calls each emulator received. */
export type ChatCounts = Readonly<Record<EmulatorName, number>>;

/** Per-call timeout of every target, in ms: short, so timeouts cost little. */
export const scenarioTimeoutMs = 250;

/** The backoff before the first retry (no Retry-After), in ms; jitter is off. */
export const scenarioInitialDelayMs = 10;

const chatPaths: Readonly<Record<EmulatorName, string>> = {
  ollama: '/api/chat',
  vllm: '/v1/chat/completions',
  openai: '/v1/chat/completions',
  anthropic: '/v1/messages',
};

const openAIKey = 'sk-scenario-openai-51c0e7';
const anthropicKey = 'sk-ant-scenario-8d2f94';

/**
 * Targets in the order the policies rank them for a short prompt (cheapest first): Ollama (tier
 * 1, local), vLLM (tier 2, local), OpenAI (tier 3, cloud), Anthropic (tier 3, cloud).
 */
function scenarioTargets(): Target[] {
  const capabilities = { tools: true, structuredOutput: 'native', vision: false } as const;
  return [
    {
      id: 'local-ollama',
      backend: 'ollama',
      kind: 'ollama',
      model: 'llama3.1:8b',
      quantization: 'Q4_K_M',
      tier: 1,
      locality: 'local',
      capabilities: { ...capabilities, contextWindow: 4096 },
      price: { type: 'gpu-hourly', gpuHourlyUsd: 0.01 },
      timeoutMs: scenarioTimeoutMs,
      firstTokenTimeoutMs: scenarioTimeoutMs,
    },
    {
      id: 'local-vllm',
      backend: 'vllm',
      kind: 'vllm',
      model: 'meta-llama/Llama-3.1-8B-Instruct',
      quantization: null,
      tier: 2,
      locality: 'local',
      capabilities: { ...capabilities, contextWindow: 8192 },
      price: { type: 'gpu-hourly', gpuHourlyUsd: 0.02 },
      timeoutMs: scenarioTimeoutMs,
      firstTokenTimeoutMs: scenarioTimeoutMs,
    },
    {
      id: 'cloud-openai',
      backend: 'openai',
      kind: 'openai',
      model: 'gpt-4o-mini',
      quantization: null,
      tier: 3,
      locality: 'cloud',
      capabilities: { ...capabilities, contextWindow: 128_000 },
      price: { type: 'per-token', inputPerMillionUsd: 0.15, outputPerMillionUsd: 0.6 },
      timeoutMs: scenarioTimeoutMs,
      firstTokenTimeoutMs: scenarioTimeoutMs,
    },
    {
      id: 'cloud-anthropic',
      backend: 'anthropic',
      kind: 'anthropic',
      model: 'claude-haiku-4-5',
      quantization: null,
      tier: 3,
      locality: 'cloud',
      capabilities: { ...capabilities, contextWindow: 200_000 },
      price: { type: 'per-token', inputPerMillionUsd: 1, outputPerMillionUsd: 5 },
      timeoutMs: scenarioTimeoutMs,
      firstTokenTimeoutMs: scenarioTimeoutMs,
    },
  ];
}

/** The emulators, the real adapters pointed at them, and request counting. */
export type ScenarioWorld = {
  readonly emulators: Readonly<Record<EmulatorName, Emulator>>;
  readonly targets: readonly Target[];
  readonly backends: Readonly<Record<EmulatorName, BackendV1>>;
  /** Disarms every fault and starts counting chat calls from zero. */
  reset(): void;
  /** Chat calls each emulator received since the last `reset()`. */
  chatCounts(): ChatCounts;
  close(): Promise<void>;
};

/**
 * Starts the Ollama and vLLM emulators (local) and the OpenAI and Anthropic emulators (cloud),
 * and builds the real adapters for them.
 *
 * @example
 * const world = await startScenarioWorld();
 * world.emulators.ollama.setFault({ type: 'status', status: 503 });
 */
export async function startScenarioWorld(): Promise<ScenarioWorld> {
  const [ollama, vllm, openai, anthropic] = await Promise.all([
    startOllamaEmulator(),
    startVllmEmulator(),
    startOpenAIEmulator({ apiKey: openAIKey }),
    startAnthropicEmulator({ apiKey: anthropicKey }),
  ]);
  const emulators = { ollama, vllm, openai, anthropic };
  const backends = {
    ollama: createOllama({ baseUrl: ollama.url }),
    vllm: createVllm({ baseUrl: vllm.url }),
    openai: createOpenAI({ apiKey: openAIKey, baseUrl: `${openai.url}/v1` }),
    anthropic: createAnthropic({ apiKey: anthropicKey, baseUrl: anthropic.url }),
  };
  const names = Object.keys(emulators) as EmulatorName[];
  let marks = Object.fromEntries(names.map((name) => [name, 0])) as Record<EmulatorName, number>;
  const count = (name: EmulatorName, from: number) =>
    emulators[name].requests.slice(from).filter((request) => request.path === chatPaths[name]).length;
  return {
    emulators,
    targets: scenarioTargets(),
    backends,
    reset() {
      for (const name of names) emulators[name].clearFaults();
      marks = Object.fromEntries(names.map((name) => [name, emulators[name].requests.length])) as Record<
        EmulatorName,
        number
      >;
    },
    chatCounts() {
      return Object.fromEntries(names.map((name) => [name, count(name, marks[name])])) as ChatCounts;
    },
    async close() {
      await Promise.all(names.map((name) => emulators[name].close()));
    },
  };
}

/** A router over the world, with the events and retry waits it produced. */
export type ScenarioRouter = {
  readonly router: Router;
  /** Every `request-end` payload. */
  readonly ends: RequestEndEvent[];
  /** The name of every event, in order. */
  readonly eventNames: (keyof RouterEvents)[];
  /** Every retry wait the executor asked for, in ms (the waits themselves are skipped). */
  readonly sleeps: number[];
};

/**
 * A fresh router (fresh circuit breakers) over the world's targets with the real `privacy` and
 * `cost` policies, short timeouts, two calls per hop, 10 ms backoff without jitter, and a
 * recording `sleep` that returns at once — so Retry-After waits are asserted, not waited for.
 *
 * @example
 * const { router, ends } = scenarioRouter(world);
 */
export function scenarioRouter(world: ScenarioWorld, execution: ExecutionOptions = {}): ScenarioRouter {
  const sleeps: number[] = [];
  const router = createRouter({
    targets: world.targets,
    policies: [privacyPolicy(), costPolicy()],
    backends: world.backends,
    random: () => 0.5,
    execution: {
      maxAttemptsPerTarget: 2,
      backoff: { initialDelayMs: scenarioInitialDelayMs, jitter: false },
      maxRetryAfterMs: 5_000,
      sleep: async (milliseconds) => {
        sleeps.push(milliseconds);
      },
      ...execution,
    },
  });
  const ends: RequestEndEvent[] = [];
  const eventNames: (keyof RouterEvents)[] = [];
  for (const name of [
    'attempt-start',
    'attempt-end',
    'retry',
    'fallback',
    'escalation',
    'request-end',
  ] as const) {
    router.events.on(name, () => {
      eventNames.push(name);
    });
  }
  router.events.on('request-end', (event) => {
    ends.push(event);
  });
  return { router, ends, eventNames, sleeps };
}

/**
 * A short request that the policies send to Ollama first.
 *
 * @example
 * await router.generate(scenarioRequest('local-only'));
 */
export function scenarioRequest(privacy: 'local-only' | 'any'): ChatRequest {
  return {
    model: 'auto',
    messages: [{ role: 'user', content: 'Summarise: the team meeting moved to Tuesday at 10.' }],
    max_tokens: 64,
    switchyard: { privacy },
  };
}

/**
 * An attempt as a compact line: `target:status[:errorCode]`.
 *
 * @example
 * attemptLines(end.attempts); // ['local-ollama:error:timeout', 'local-vllm:ok']
 */
export function attemptLines(attempts: RequestEndEvent['attempts']): string[] {
  return attempts.map((attempt) =>
    [attempt.target, attempt.status, ...(attempt.errorCode === undefined ? [] : [attempt.errorCode])].join(
      ':',
    ),
  );
}

/**
 * A fallback as a compact line: `from→to:cause`.
 *
 * @example
 * fallbackLines(end.fallbacks); // ['local-ollama→local-vllm:overloaded']
 */
export function fallbackLines(fallbacks: RequestEndEvent['fallbacks']): string[] {
  return fallbacks.map((fallback) => `${fallback.from}→${fallback.to}:${fallback.cause}`);
}
