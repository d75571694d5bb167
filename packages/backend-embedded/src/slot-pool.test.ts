import { describe, expect, it } from 'vitest';
import { SlotPool } from './slot-pool.js';

describe('SlotPool', () => {
  it('hands out free slots, then queues callers in arrival order', async () => {
    const pool = new SlotPool(['a', 'b']);
    expect([await pool.acquire(), await pool.acquire()]).toEqual(['a', 'b']);
    const order: string[] = [];
    const first = pool.acquire().then((slot) => order.push(`first:${slot}`));
    const second = pool.acquire().then((slot) => order.push(`second:${slot}`));
    expect({ busy: pool.busy, waiting: pool.waiting }).toEqual({ busy: 2, waiting: 2 });
    pool.release('b');
    pool.release('a');
    await Promise.all([first, second]);
    expect(order).toEqual(['first:b', 'second:a']);
    expect(pool.waiting).toBe(0);
  });

  it('takes the free slot the preference scores highest, the longest free on ties', async () => {
    const pool = new SlotPool([1, 2, 3]);
    expect(await pool.acquire(undefined, (slot) => (slot === 2 ? 10 : 0))).toBe(2);
    expect(await pool.acquire(undefined, () => 0)).toBe(1);
  });

  it('removes an aborted waiter from the queue and rejects it with the reason', async () => {
    const pool = new SlotPool(['only']);
    await pool.acquire();
    const controller = new AbortController();
    const aborted = pool.acquire(controller.signal);
    const next = pool.acquire();
    controller.abort(new Error('gave up'));
    await expect(aborted).rejects.toThrow('gave up');
    expect(pool.waiting).toBe(1);
    pool.release('only');
    await expect(next).resolves.toBe('only');
  });

  it('rejects an already aborted signal without taking a slot', async () => {
    const pool = new SlotPool(['only']);
    await expect(pool.acquire(AbortSignal.abort(new Error('late')))).rejects.toThrow('late');
    expect(pool.busy).toBe(0);
  });

  it('rejects waiters and later calls after close', async () => {
    const pool = new SlotPool(['only']);
    await pool.acquire();
    const waiting = pool.acquire();
    pool.close(new Error('closed'));
    await expect(waiting).rejects.toThrow('closed');
    await expect(pool.acquire()).rejects.toThrow('closed');
  });
});
