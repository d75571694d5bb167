import { describe, expect, it } from 'vitest';
import { BackendCallError, type BackendErrorCode } from '../errors/backend-call-error.js';
import { callOrder, fakeTarget, testSetup, userRequest } from './__fixtures__/test-router.js';
import { createCircuitBreakerHealthTracker } from './circuit-breaker-health-tracker.js';

function failure(code: BackendErrorCode): BackendCallError {
  return new BackendCallError({ message: code, code, backend: 'b', phase: 'headers' });
}

function clock(start = 1_000) {
  let time = start;
  return { now: () => time, advance: (milliseconds: number) => (time += milliseconds) };
}

describe('createCircuitBreakerHealthTracker', () => {
  it('opens after N consecutive failures, half-opens after the cooldown with one trial, closes on success', () => {
    const time = clock();
    const changes: string[] = [];
    const tracker = createCircuitBreakerHealthTracker({
      failureThreshold: 3,
      cooldownMs: 10_000,
      now: time.now,
      onStateChange: ({ from, to }) => changes.push(`${from}→${to}`),
    });
    expect(tracker.health('t')).toBe('unknown');
    tracker.recordFailure('t', failure('overloaded'));
    tracker.recordFailure('t', failure('timeout'));
    expect(tracker.health('t')).toBe('degraded');
    expect(tracker.canAttempt('t')).toBe(true);
    tracker.recordFailure('t', failure('network'));
    expect(tracker.health('t')).toBe('circuit-open');
    expect(tracker.canAttempt('t')).toBe(false);
    time.advance(9_999);
    expect(tracker.canAttempt('t')).toBe(false);
    time.advance(1);
    expect(tracker.circuit('t')).toBe('half-open');
    expect(tracker.canAttempt('t')).toBe(true);
    expect(tracker.canAttempt('t')).toBe(false); // one trial at a time
    tracker.recordSuccess('t', 120);
    expect(tracker.circuit('t')).toBe('closed');
    expect(tracker.health('t')).toBe('healthy');
    expect(changes).toEqual(['closed→open', 'open→half-open', 'half-open→closed']);
  });

  it('re-opens when the trial fails', () => {
    const time = clock();
    const tracker = createCircuitBreakerHealthTracker({
      failureThreshold: 1,
      cooldownMs: 100,
      now: time.now,
    });
    tracker.recordFailure('t', failure('unavailable'));
    time.advance(100);
    expect(tracker.canAttempt('t')).toBe(true);
    tracker.recordFailure('t', failure('unavailable'));
    expect(tracker.circuit('t')).toBe('open');
    time.advance(99);
    expect(tracker.canAttempt('t')).toBe(false);
  });

  it('gives a lost trial up after another cooldown', () => {
    const time = clock();
    const tracker = createCircuitBreakerHealthTracker({
      failureThreshold: 1,
      cooldownMs: 100,
      now: time.now,
    });
    tracker.recordFailure('t', failure('unavailable'));
    time.advance(100);
    expect(tracker.canAttempt('t')).toBe(true);
    time.advance(100);
    expect(tracker.canAttempt('t')).toBe(true);
  });

  it.each<{ code: BackendErrorCode; opens: boolean }>([
    { code: 'rate-limited', opens: true },
    { code: 'quota-exhausted', opens: true },
    { code: 'invalid-request', opens: false },
    { code: 'context-length-exceeded', opens: false },
    { code: 'aborted', opens: false },
  ])('$code counts toward opening: $opens', ({ code, opens }) => {
    const tracker = createCircuitBreakerHealthTracker({ failureThreshold: 2 });
    tracker.recordFailure('t', failure(code));
    tracker.recordFailure('t', failure(code));
    expect(tracker.circuit('t') === 'open').toBe(opens);
  });

  it('a sign of life in between breaks the run of failures', () => {
    const tracker = createCircuitBreakerHealthTracker({ failureThreshold: 2 });
    tracker.recordFailure('t', failure('overloaded'));
    tracker.recordFailure('t', failure('invalid-request'));
    tracker.recordFailure('t', failure('overloaded'));
    expect(tracker.circuit('t')).toBe('closed');
  });

  it('takes probe results: down opens, up lets a trial through, loading degrades', () => {
    const tracker = createCircuitBreakerHealthTracker({ cooldownMs: 60_000 });
    tracker.markProbe('t', 'loading');
    expect(tracker.health('t')).toBe('degraded');
    tracker.markProbe('t', 'down');
    expect(tracker.canAttempt('t')).toBe(false);
    tracker.markProbe('t', 'up');
    expect(tracker.circuit('t')).toBe('half-open');
    expect(tracker.canAttempt('t')).toBe(true);
  });

  it('refuses bad settings', () => {
    expect(() => createCircuitBreakerHealthTracker({ failureThreshold: 0 })).toThrow(
      'failureThreshold: must be an integer ≥ 1',
    );
  });
});

describe('circuit breaking in the executor', () => {
  it('skips a target whose circuit opened, and tries it again once the cooldown passed', async () => {
    const time = clock();
    const flaky = fakeTarget({ id: 'flaky' });
    const steady = fakeTarget({ id: 'steady' });
    const healthTracker = createCircuitBreakerHealthTracker({
      failureThreshold: 2,
      cooldownMs: 5_000,
      now: time.now,
    });
    const setup = testSetup(
      [flaky, steady],
      {
        flaky: [
          { type: 'error', code: 'unavailable' },
          { type: 'error', code: 'unavailable' },
          { type: 'answer' },
        ],
      },
      { healthTracker, now: time.now },
    );
    const first = await setup.router.generate(userRequest());
    expect(first.target.target).toBe('steady');
    expect(healthTracker.circuit('flaky')).toBe('open');

    const second = await setup.router.generate(userRequest());
    expect(second.target.target).toBe('steady');
    expect(setup.backends.flaky?.calls).toHaveLength(2);
    const skipped = setup.events.filter((event) => event.name === 'fallback').at(-1)?.payload;
    expect(skipped).toMatchObject({ from: 'flaky', to: 'steady', cause: 'circuit-open' });

    time.advance(5_000);
    const third = await setup.router.generate(userRequest());
    expect(third.target.target).toBe('flaky');
    expect(healthTracker.circuit('flaky')).toBe('closed');
    expect(callOrder(setup)).toEqual(['flaky', 'flaky', 'steady', 'steady', 'flaky']);
  });

  it('serves as the router’s health view by default', async () => {
    const flaky = fakeTarget({ id: 'flaky' });
    const setup = testSetup([flaky], { flaky: [{ type: 'error', code: 'network' }] });
    await setup.router.generate(userRequest()).catch(() => undefined);
    expect(setup.router.healthTracker?.health('flaky')).toBe('degraded');
  });

  it('fails with unavailable when every circuit is open', async () => {
    const time = clock();
    const only = fakeTarget({ id: 'only' });
    const healthTracker = createCircuitBreakerHealthTracker({ failureThreshold: 1, now: time.now });
    healthTracker.recordFailure('only', failure('network'));
    const setup = testSetup([only], {}, { healthTracker });
    await expect(setup.router.generate(userRequest())).rejects.toMatchObject({
      code: 'unavailable',
      skipped: [{ target: 'only', hop: 0, reason: 'circuit-open' }],
    });
    expect(setup.backends.only?.calls).toHaveLength(0);
  });
});
