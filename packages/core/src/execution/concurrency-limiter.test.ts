import { describe, expect, it } from 'vitest';
import { callOrder, fakeTarget, testSetup, userRequest } from './__fixtures__/test-router.js';
import { createConcurrencyLimiter } from './concurrency-limiter.js';

describe('createConcurrencyLimiter', () => {
  it('grants up to the limit, queues FIFO, and hands a released slot to the first waiter', async () => {
    const limiter = createConcurrencyLimiter({ queueLimit: 2, queueTimeoutMs: 1_000, now: () => 0 });
    const first = await limiter.acquire('t', 1);
    expect(first.granted).toBe(true);
    const order: string[] = [];
    const second = limiter.acquire('t', 1).then((slot) => {
      order.push('second');
      return slot;
    });
    const third = limiter.acquire('t', 1).then((slot) => {
      order.push('third');
      return slot;
    });
    expect(limiter.usage('t')).toEqual({ active: 1, queued: 2 });
    const full = await limiter.acquire('t', 1);
    expect(full).toMatchObject({ granted: false, reason: 'queue-full' });
    if (first.granted) first.release();
    const secondSlot = await second;
    expect(order).toEqual(['second']);
    if (secondSlot.granted) {
      secondSlot.release();
      secondSlot.release(); // twice is harmless
    }
    const thirdSlot = await third;
    expect(order).toEqual(['second', 'third']);
    if (thirdSlot.granted) thirdSlot.release();
    expect(limiter.usage('t')).toEqual({ active: 0, queued: 0 });
  });

  it('gives up waiting after the queue timeout', async () => {
    const limiter = createConcurrencyLimiter({ queueLimit: 4, queueTimeoutMs: 20, now: () => 0 });
    await limiter.acquire('t', 1);
    const waited = await limiter.acquire('t', 1);
    expect(waited).toMatchObject({ granted: false, reason: 'queue-timeout' });
    expect(limiter.usage('t')).toEqual({ active: 1, queued: 0 });
  });

  it('leaves the queue when the caller aborts', async () => {
    const limiter = createConcurrencyLimiter({ queueLimit: 4, queueTimeoutMs: 1_000, now: () => 0 });
    await limiter.acquire('t', 1);
    const controller = new AbortController();
    const waiting = limiter.acquire('t', 1, controller.signal);
    controller.abort();
    expect(await waiting).toMatchObject({ granted: false, reason: 'aborted' });
    expect(limiter.usage('t').queued).toBe(0);
  });

  it('grants at once without a limit', async () => {
    const limiter = createConcurrencyLimiter({ queueLimit: 0, queueTimeoutMs: 0, now: () => 0 });
    const slots = await Promise.all([1, 2, 3].map(() => limiter.acquire('t', undefined)));
    expect(slots.every((slot) => slot.granted)).toBe(true);
  });
});

describe('concurrency in the executor', () => {
  it('spills to the next hop when the queue is full, as a saturated fallback', async () => {
    const busy = fakeTarget({ id: 'busy', maxConcurrency: 1 });
    const spare = fakeTarget({ id: 'spare' });
    const setup = testSetup(
      [busy, spare],
      { busy: [{ type: 'answer', content: 'slow', delayMs: 40 }] },
      {
        execution: { queueLimit: 0 },
      },
    );
    const [first, second] = await Promise.all([
      setup.router.generate(userRequest()),
      setup.router.generate(userRequest()),
    ]);
    expect(first.target.target).toBe('busy');
    expect(second.target.target).toBe('spare');
    expect(second.fallbacks).toBe(1);
    const fallback = setup.events.find((event) => event.name === 'fallback')?.payload;
    expect(fallback).toMatchObject({ from: 'busy', to: 'spare', cause: 'saturated' });
    expect(setup.backends.busy?.maxInFlight).toBe(1);
  });

  it('spills after the queue timeout', async () => {
    const busy = fakeTarget({ id: 'busy', maxConcurrency: 1 });
    const spare = fakeTarget({ id: 'spare' });
    const setup = testSetup(
      [busy, spare],
      { busy: [{ type: 'answer', content: 'slow', delayMs: 300 }] },
      {
        execution: { queueTimeoutMs: 10 },
      },
    );
    const results = await Promise.all([
      setup.router.generate(userRequest()),
      setup.router.generate(userRequest()),
    ]);
    expect(results.map((result) => result.target.target)).toEqual(['busy', 'spare']);
  });

  it('queues within the limit and keeps in-flight calls at maxConcurrency', async () => {
    const busy = fakeTarget({ id: 'busy', maxConcurrency: 2 });
    const setup = testSetup([busy], { busy: [{ type: 'answer', content: 'x', delayMs: 10 }] });
    const results = await Promise.all(Array.from({ length: 6 }, () => setup.router.generate(userRequest())));
    expect(results.every((result) => result.target.target === 'busy')).toBe(true);
    expect(setup.backends.busy?.maxInFlight).toBe(2);
    expect(callOrder(setup)).toHaveLength(6);
  });

  it('releases the slot after a failed call before the backoff wait', async () => {
    const busy = fakeTarget({ id: 'busy', maxConcurrency: 1 });
    const spare = fakeTarget({ id: 'spare' });
    let usageDuringSleep: number | undefined;
    const setup = testSetup(
      [busy, spare],
      { busy: [{ type: 'error', code: 'overloaded' }, { type: 'answer' }] },
      {
        execution: {
          queueLimit: 0,
          sleep: async () => {
            usageDuringSleep = setup.backends.busy?.inFlight;
            // A concurrent request during the wait gets the slot instead of spilling.
            const other = await setup.router.generate(userRequest());
            expect(other.target.target).toBe('busy');
          },
        },
      },
    );
    const result = await setup.router.generate(userRequest());
    expect(usageDuringSleep).toBe(0);
    expect(result.target.target).toBe('busy');
  });
});
