import { describe, expect, test } from 'vitest';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import { createCircuitBreakerHealthTracker } from '../execution/circuit-breaker-health-tracker.js';
import type { ProbeResult } from '../spec/backend.js';
import type { Target } from '../spec/target.js';
import { createFakeClock, type FakeClock } from './__fixtures__/fake-clock.js';
import { type ScriptStep, scriptedBackend } from './__fixtures__/scripted-backend.js';
import {
  type BackendHealth,
  createHealthMonitor,
  type HealthMonitorOptions,
} from './create-health-monitor.js';

const capabilities = { contextWindow: 8192, tools: false, structuredOutput: 'none', vision: false } as const;
const target = (id: string, backend: string, locality: Target['locality'] = 'local'): Target => ({
  id,
  backend,
  kind: 'ollama',
  model: `${id}-model`,
  quantization: null,
  tier: locality === 'local' ? 1 : 3,
  locality,
  capabilities,
});

type Marks = [string, ProbeResult['status']][];

function setup(
  probeScript: readonly ScriptStep[],
  options: Partial<HealthMonitorOptions> = {},
  clock: FakeClock = createFakeClock(),
) {
  const ollama = scriptedBackend('ollama', clock, probeScript);
  const marks: Marks = [];
  const checks: BackendHealth[] = [];
  const monitor = createHealthMonitor({
    targets: [target('llama-8b', 'ollama'), target('qwen-7b', 'ollama')],
    backends: { ollama },
    tracker: { markProbe: (targetId, status) => marks.push([targetId, status]) },
    intervalMs: 30_000,
    timeoutMs: 2_000,
    retries: 2,
    retryDelayMs: 500,
    now: clock.now,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    onCheck: (health) => checks.push(health),
    ...options,
  });
  return { clock, ollama, marks, checks, monitor };
}

describe('createHealthMonitor', () => {
  test('checks at start, marks every target of the backend, and checks again each interval', async () => {
    const { clock, ollama, marks, monitor } = setup(['up']);
    monitor.start();
    await clock.settle();
    expect(ollama.probes).toBe(1);
    expect(marks).toEqual([
      ['llama-8b', 'up'],
      ['qwen-7b', 'up'],
    ]);
    expect(monitor.results()).toEqual([
      {
        backend: 'ollama',
        kind: 'ollama',
        status: 'up',
        latencyMs: 3,
        detail: 'ollama says up',
        attempts: 1,
        checkedAt: 0,
        consecutiveFailures: 0,
        targets: ['llama-8b', 'qwen-7b'],
      },
    ]);
    await clock.advance(29_999);
    expect(ollama.probes).toBe(1);
    await clock.advance(1);
    expect(ollama.probes).toBe(2);
    expect(monitor.results()[0]?.checkedAt).toBe(30_000);
    await monitor.stop();
  });

  test('marks a backend down only after its retries, once, with the last reason', async () => {
    const { clock, ollama, marks, checks, monitor } = setup(['down']);
    monitor.start();
    await clock.settle();
    expect(ollama.probes).toBe(1);
    expect(marks).toEqual([]);
    await clock.advance(500);
    expect(ollama.probes).toBe(2);
    await clock.advance(500);
    expect(ollama.probes).toBe(3);
    expect(marks).toEqual([
      ['llama-8b', 'down'],
      ['qwen-7b', 'down'],
    ]);
    expect(checks).toMatchObject([{ status: 'down', attempts: 3, consecutiveFailures: 1, checkedAt: 1000 }]);
    await monitor.stop();
  });

  test('a retry that succeeds counts as up', async () => {
    const { clock, marks, checks, monitor } = setup(['down', 'up']);
    await Promise.all([monitor.checkNow(), clock.advance(500)]);
    expect(checks).toMatchObject([{ status: 'up', attempts: 2, consecutiveFailures: 0 }]);
    expect(marks.map(([, status]) => status)).toEqual(['up', 'up']);
  });

  test('a probe that does not answer in time is down, and its signal is aborted', async () => {
    const { clock, ollama, checks, monitor } = setup(['hang'], { retries: 0 });
    const round = monitor.checkNow();
    await clock.advance(1_999);
    expect(checks).toHaveLength(0);
    await clock.advance(1);
    await round;
    expect(checks).toMatchObject([
      { status: 'down', latencyMs: 2000, detail: 'no answer within 2000 ms', attempts: 1 },
    ]);
    expect(ollama.probeSignals[0]?.aborted).toBe(true);
  });

  test('a probe that throws is down with the message', async () => {
    const { checks, monitor } = setup([{ throw: 'ECONNREFUSED 127.0.0.1:11434' }], { retries: 0 });
    await monitor.checkNow();
    expect(checks).toMatchObject([{ status: 'down', detail: 'probe failed: ECONNREFUSED 127.0.0.1:11434' }]);
  });

  test('loading is not retried: the server is alive, the model is loading', async () => {
    const { ollama, marks, monitor } = setup(['loading']);
    await monitor.checkNow();
    expect(ollama.probes).toBe(1);
    expect(marks).toEqual([
      ['llama-8b', 'loading'],
      ['qwen-7b', 'loading'],
    ]);
  });

  test('counts consecutive down checks across rounds, and resets on recovery', async () => {
    const { clock, checks, monitor } = setup(['down', 'down', 'up'], { retries: 0 });
    monitor.start();
    await clock.settle();
    await clock.advance(30_000);
    await clock.advance(30_000);
    expect(checks.map((check) => [check.status, check.consecutiveFailures])).toEqual([
      ['down', 1],
      ['down', 2],
      ['up', 0],
    ]);
    await monitor.stop();
  });

  test('drives the circuit breaker: down opens it, up lets one trial call through', async () => {
    const clock = createFakeClock();
    const tracker = createCircuitBreakerHealthTracker({ now: clock.now, cooldownMs: 60_000 });
    const { monitor } = setup(['down', 'up'], { tracker, retries: 0 }, clock);
    monitor.start();
    await clock.settle();
    expect(tracker.circuit('llama-8b')).toBe('open');
    expect(tracker.health('qwen-7b')).toBe('circuit-open');
    expect(tracker.canAttempt('llama-8b')).toBe(false);

    await clock.advance(30_000); // second round: up, well before the 60 s cooldown
    expect(tracker.circuit('llama-8b')).toBe('half-open');
    expect(tracker.canAttempt('llama-8b')).toBe(true);
    expect(tracker.canAttempt('llama-8b')).toBe(false); // one trial at a time
    tracker.recordSuccess('llama-8b', 100);
    expect(tracker.circuit('llama-8b')).toBe('closed');
    expect(tracker.health('llama-8b')).toBe('healthy');
    await monitor.stop();
  });

  test('loading marks targets degraded on the circuit breaker', async () => {
    const clock = createFakeClock();
    const tracker = createCircuitBreakerHealthTracker({ now: clock.now });
    const { monitor } = setup(['loading'], { tracker }, clock);
    await monitor.checkNow();
    expect(tracker.health('llama-8b')).toBe('degraded');
    expect(tracker.canAttempt('llama-8b')).toBe(true);
  });

  test('checks backends in parallel and reports them in target order', async () => {
    const clock = createFakeClock();
    const slow = scriptedBackend('slow', clock, [{ status: 'up', delayMs: 1500 }]);
    const fast = scriptedBackend('fast', clock, [{ status: 'up', delayMs: 100 }]);
    const monitor = createHealthMonitor({
      targets: [target('a', 'slow'), target('b', 'fast'), target('c', 'slow')],
      backends: { slow, fast, unused: scriptedBackend('unused', clock, ['up']) },
      now: clock.now,
      setTimer: clock.setTimer,
      clearTimer: clock.clearTimer,
    });
    const round = monitor.checkNow();
    await clock.advance(1500);
    const results = await round;
    expect(results.map((health) => [health.backend, health.targets, health.checkedAt])).toEqual([
      ['slow', ['a', 'c'], 1500],
      ['fast', ['b'], 100],
    ]);
  });

  test('checkNow joins a round in flight instead of probing twice', async () => {
    const { clock, ollama, monitor } = setup([{ status: 'up', delayMs: 100 }]);
    const first = monitor.checkNow();
    const second = monitor.checkNow();
    await clock.advance(100);
    expect(await first).toEqual(await second);
    expect(ollama.probes).toBe(1);
  });

  test('stop() clears the schedule, aborts the round in flight and drops its results', async () => {
    const { clock, ollama, marks, monitor } = setup(['up', 'hang']);
    monitor.start();
    await clock.settle();
    expect(clock.pending).toBe(1); // the next round
    await clock.advance(30_000); // second round hangs
    expect(ollama.probes).toBe(2);
    expect(monitor.running).toBe(true);

    await monitor.stop();
    expect(monitor.running).toBe(false);
    expect(clock.pending).toBe(0);
    expect(ollama.probeSignals[1]?.aborted).toBe(true);
    expect(marks).toHaveLength(2); // the first round only
    expect(monitor.results()[0]).toMatchObject({ status: 'up', checkedAt: 0 });
    await clock.advance(120_000);
    expect(ollama.probes).toBe(2);
  });

  test('stop() during a retry pause ends at once', async () => {
    const { clock, ollama, monitor } = setup(['down']);
    monitor.start();
    await clock.settle();
    await monitor.stop();
    expect(clock.pending).toBe(0);
    expect(ollama.probes).toBe(1);
  });

  test('start() after stop() resumes', async () => {
    const { clock, ollama, monitor } = setup(['up']);
    monitor.start();
    monitor.start(); // no second schedule
    await clock.settle();
    await monitor.stop();
    monitor.start();
    await clock.settle();
    expect(ollama.probes).toBe(2);
    expect(clock.pending).toBe(1);
    await monitor.stop();
  });

  test('works on the default timers', async () => {
    const clock = createFakeClock();
    const monitor = createHealthMonitor({
      targets: [target('llama-8b', 'ollama')],
      backends: { ollama: scriptedBackend('ollama', clock, ['up']) },
      intervalMs: 60_000,
    });
    monitor.start();
    await clock.settle();
    expect(monitor.results()[0]?.status).toBe('up');
    await monitor.stop();
  });

  test('refuses a tracker without markProbe', () => {
    const clock = createFakeClock();
    expect(() =>
      createHealthMonitor({
        targets: [],
        backends: {},
        tracker: { health: () => 'unknown', canAttempt: () => true, recordSuccess() {}, recordFailure() {} },
        now: clock.now,
      }),
    ).toThrow('the tracker has no markProbe(targetId, status)');
  });

  test('names every bad setting and missing adapter', () => {
    const create = () =>
      createHealthMonitor({
        targets: [target('llama-8b', 'ollama'), target('gpt-4o', 'openai', 'cloud')],
        backends: { ollama: scriptedBackend('ollama', createFakeClock(), ['up']) },
        intervalMs: 0,
        retries: 1.5,
      });
    expect(create).toThrow(InvalidConfigError);
    try {
      create();
    } catch (error) {
      expect((error as InvalidConfigError).issues).toEqual([
        'intervalMs: must be a number ≥ 1',
        'retries: must be an integer',
        "targets[1].backend: no adapter for backend 'openai' (target 'gpt-4o')",
      ]);
    }
  });
});

describe('createHealthMonitor robustness', () => {
  test('a throwing tracker or listener does not stop the round or the schedule', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      const { clock, ollama, monitor } = setup(['up'], {
        tracker: {
          markProbe: () => {
            throw new Error('tracker down');
          },
        },
        onCheck: () => {
          throw new Error('logger down');
        },
      });
      monitor.start();
      await clock.settle();
      await clock.advance(30_000);
      expect(ollama.probes).toBe(2);
      expect(monitor.results()[0]?.status).toBe('up');
      await monitor.stop();
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).toContain("health monitor: markProbe('llama-8b') threw: tracker down");
      expect(warnings).toContain('health monitor: onCheck threw: logger down');
    } finally {
      process.off('warning', onWarning);
    }
  });

  test.each([null, 'up', { status: 'sideways' }])('a probe answering %j is down', async (answer) => {
    const clock = createFakeClock();
    const backend = { ...scriptedBackend('odd', clock, ['up']), probe: async () => answer as never };
    const monitor = createHealthMonitor({
      targets: [target('a', 'odd')],
      backends: { odd: backend },
      retries: 0,
      now: clock.now,
      setTimer: clock.setTimer,
      clearTimer: clock.clearTimer,
    });
    expect(await monitor.checkNow()).toMatchObject([
      { status: 'down', detail: 'probe returned no valid status' },
    ]);
  });
});
