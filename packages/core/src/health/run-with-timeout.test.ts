import { describe, expect, test } from 'vitest';
import { createFakeClock } from './__fixtures__/fake-clock.js';
import { pause, runWithTimeout } from './run-with-timeout.js';

describe('runWithTimeout', () => {
  test.each<[string, (signal: AbortSignal) => Promise<string>, unknown]>([
    ['done', async () => 'value', { status: 'done', value: 'value' }],
    [
      'rejected',
      async () => Promise.reject(new Error('nope')),
      { status: 'failed', error: new Error('nope') },
    ],
    [
      'thrown synchronously',
      () => {
        throw new Error('sync');
      },
      { status: 'failed', error: new Error('sync') },
    ],
  ])('%s', async (_name, task, expected) => {
    const clock = createFakeClock();
    expect(await runWithTimeout(task, { timeoutMs: 100, timers: clock })).toEqual(expected);
    expect(clock.pending).toBe(0);
  });

  test('times out a task that ignores its signal, and aborts the signal', async () => {
    const clock = createFakeClock();
    let received: AbortSignal | undefined;
    const running = runWithTimeout(
      (signal) => {
        received = signal;
        return new Promise<string>(() => {});
      },
      { timeoutMs: 100, timers: clock },
    );
    await clock.advance(100);
    expect(await running).toEqual({ status: 'timeout' });
    expect(received?.aborted).toBe(true);
  });

  test('settles at once when the caller aborts, before or during the task', async () => {
    const clock = createFakeClock();
    const never = () => new Promise<string>(() => {});
    expect(
      await runWithTimeout(never, { timeoutMs: 100, timers: clock, signal: AbortSignal.abort() }),
    ).toEqual({
      status: 'aborted',
    });
    const controller = new AbortController();
    const running = runWithTimeout(never, { timeoutMs: 100, timers: clock, signal: controller.signal });
    controller.abort();
    expect(await running).toEqual({ status: 'aborted' });
    expect(clock.pending).toBe(0);
  });
});

describe('pause', () => {
  test('waits on the timers, or until aborted', async () => {
    const clock = createFakeClock();
    let done = false;
    const waiting = pause(500, clock).then(() => {
      done = true;
    });
    await clock.advance(499);
    expect(done).toBe(false);
    await clock.advance(1);
    await waiting;
    expect(done).toBe(true);

    const controller = new AbortController();
    const aborted = pause(500, clock, controller.signal);
    controller.abort();
    await aborted;
    expect(clock.pending).toBe(0);
  });
});
