import { describe, expect, test } from 'vitest';
import type { Target } from '../spec/target.js';
import { createFakeClock } from './__fixtures__/fake-clock.js';
import { scriptedBackend } from './__fixtures__/scripted-backend.js';
import { createHealthMonitor } from './create-health-monitor.js';
import { warmUpTargets } from './warm-up-targets.js';

const capabilities = { contextWindow: 8192, tools: false, structuredOutput: 'none', vision: false } as const;
const target = (id: string, backend: string, overrides: Partial<Target> = {}): Target => ({
  id,
  backend,
  kind: 'ollama',
  model: `${id}-model`,
  quantization: null,
  tier: 1,
  locality: 'local',
  capabilities,
  ...overrides,
});

describe('warmUpTargets', () => {
  test('loads local models in parallel, once per backend+model, and reports every target', async () => {
    const clock = createFakeClock();
    const ollama = scriptedBackend('ollama', clock, ['up'], [{ status: 'up', delayMs: 4000 }]);
    const embedded = scriptedBackend(
      'embedded',
      clock,
      ['up'],
      [{ status: 'up', delayMs: 1000 }],
      'embedded',
    );
    const llamacpp = scriptedBackend('llamacpp', clock, ['up'], undefined, 'llamacpp');
    const openai = scriptedBackend('openai', clock, ['up'], ['up'], 'openai');
    const running = warmUpTargets({
      targets: [
        target('llama-8b', 'ollama', { model: 'llama3.1:8b' }),
        target('llama-8b-strict', 'ollama', { model: 'llama3.1:8b' }),
        target('qwen-0.5b', 'embedded'),
        target('qwen-14b', 'llamacpp'),
        target('gpt-4o', 'openai', { locality: 'cloud' }),
      ],
      backends: { ollama, embedded, llamacpp, openai },
      now: clock.now,
      timers: clock,
    });
    await clock.settle();
    // Both loads started before either finished.
    expect(ollama.warmUps).toEqual(['llama3.1:8b']);
    expect(embedded.warmUps).toEqual(['qwen-0.5b-model']);
    await clock.advance(4000);
    expect(await running).toEqual([
      { target: 'llama-8b', backend: 'ollama', model: 'llama3.1:8b', status: 'warm', durationMs: 4000 },
      {
        target: 'llama-8b-strict',
        backend: 'ollama',
        model: 'llama3.1:8b',
        status: 'warm',
        durationMs: 4000,
      },
      {
        target: 'qwen-0.5b',
        backend: 'embedded',
        model: 'qwen-0.5b-model',
        status: 'warm',
        durationMs: 1000,
      },
      {
        target: 'qwen-14b',
        backend: 'llamacpp',
        model: 'qwen-14b-model',
        status: 'skipped',
        durationMs: 0,
        detail: 'llamacpp backend has no warm-up',
      },
      {
        target: 'gpt-4o',
        backend: 'openai',
        model: 'gpt-4o-model',
        status: 'skipped',
        durationMs: 0,
        detail: 'cloud target',
      },
    ]);
    expect(openai.warmUps).toEqual([]);
  });

  test('reports failures and timeouts without throwing', async () => {
    const clock = createFakeClock();
    const broken = scriptedBackend('broken', clock, ['up'], ['down']);
    const stuck = scriptedBackend('stuck', clock, ['up'], ['hang']);
    const running = warmUpTargets({
      targets: [target('a', 'broken'), target('b', 'stuck'), target('c', 'missing')],
      backends: { broken, stuck },
      timeoutMs: 60_000,
      now: clock.now,
      timers: clock,
    });
    await clock.advance(60_000);
    expect(await running).toEqual([
      {
        target: 'a',
        backend: 'broken',
        model: 'a-model',
        status: 'failed',
        durationMs: 0,
        detail: 'broken could not load a-model',
      },
      {
        target: 'b',
        backend: 'stuck',
        model: 'b-model',
        status: 'timeout',
        durationMs: 60_000,
        detail: 'not loaded within 60000 ms',
      },
      {
        target: 'c',
        backend: 'missing',
        model: 'c-model',
        status: 'failed',
        durationMs: 0,
        detail: "no adapter for backend 'missing'",
      },
    ]);
  });

  test('stops waiting when aborted', async () => {
    const clock = createFakeClock();
    const controller = new AbortController();
    const running = warmUpTargets({
      targets: [target('a', 'stuck')],
      backends: { stuck: scriptedBackend('stuck', clock, ['up'], ['hang']) },
      timers: clock,
      now: clock.now,
      signal: controller.signal,
    });
    controller.abort();
    expect(await running).toMatchObject([{ status: 'failed', detail: 'aborted' }]);
    expect(clock.pending).toBe(0);
  });
});

describe('HealthMonitor.warmUp', () => {
  test('warms up once, with the monitor’s timeout', async () => {
    const clock = createFakeClock();
    const ollama = scriptedBackend('ollama', clock, ['up'], ['hang']);
    const monitor = createHealthMonitor({
      targets: [target('llama-8b', 'ollama')],
      backends: { ollama },
      warmUpTimeoutMs: 5_000,
      now: clock.now,
      setTimer: clock.setTimer,
      clearTimer: clock.clearTimer,
    });
    const first = monitor.warmUp();
    expect(monitor.warmUp()).toBe(first);
    await clock.advance(5_000);
    expect(await first).toMatchObject([{ target: 'llama-8b', status: 'timeout', durationMs: 5_000 }]);
    expect(ollama.warmUps).toHaveLength(1);
  });
});
