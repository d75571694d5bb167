import { describe, expect, it } from 'vitest';
import { PushQueue } from './push-queue.js';

async function drain<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const values: T[] = [];
  for await (const value of iterable) values.push(value);
  return values;
}

describe('PushQueue', () => {
  it('yields values pushed before and while iterating, then ends', async () => {
    const queue = new PushQueue<number>(() => undefined);
    queue.push(1);
    const reading = drain(queue);
    queue.push(2);
    await Promise.resolve();
    queue.push(3);
    queue.end();
    queue.push(4); // after end: ignored
    expect(await reading).toEqual([1, 2, 3]);
  });

  it('throws the failure after the buffered values', async () => {
    const queue = new PushQueue<string>(() => undefined);
    queue.push('a');
    queue.fail(new Error('broken'));
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const value of queue) seen.push(value);
      })(),
    ).rejects.toThrow('broken');
    expect(seen).toEqual(['a']);
  });

  it('tells the producer when the consumer stops early, once', async () => {
    let cancels = 0;
    const queue = new PushQueue<number>(() => {
      cancels += 1;
    });
    queue.push(1);
    queue.push(2);
    for await (const _value of queue) break;
    queue.end();
    expect(cancels).toBe(1);
  });

  it('does not cancel a queue that already ended', async () => {
    let cancels = 0;
    const queue = new PushQueue<number>(() => {
      cancels += 1;
    });
    queue.push(1);
    queue.end();
    for await (const _value of queue) break;
    expect(cancels).toBe(0);
  });

  it('can be iterated once only', async () => {
    const queue = new PushQueue<number>(() => undefined);
    queue.end();
    await drain(queue);
    expect(() => queue[Symbol.asyncIterator]()).toThrow('iterated only once');
  });
});
