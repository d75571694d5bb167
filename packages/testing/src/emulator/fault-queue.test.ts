import { describe, expect, it } from 'vitest';
import type { Fault } from './fault.js';
import { FaultQueue } from './fault-queue.js';

const chat = '/v1/chat/completions';

describe('FaultQueue', () => {
  it('hands out faults in arming order, counting `times` down', () => {
    const queue = new FaultQueue();
    queue.add({ type: 'status', status: 429, times: 2 });
    queue.add({ type: 'reset' });
    expect([1, 2, 3, 4].map(() => queue.take(chat, true)?.type)).toEqual([
      'status',
      'status',
      'reset',
      undefined,
    ]);
  });

  it('keeps an Infinity fault until cleared', () => {
    const queue = new FaultQueue();
    queue.add({ type: 'hang', times: Number.POSITIVE_INFINITY });
    for (let index = 0; index < 5; index += 1) expect(queue.take(chat, true)?.type).toBe('hang');
    queue.clear();
    expect(queue.take(chat, true)).toBeUndefined();
  });

  it.each([
    ['no path: generation endpoints only', undefined, [true, false]],
    ['an exact path', '/health', [false, true]],
    ['a pattern', /^\/(v1|health)/, [true, true]],
  ] as const)('matches %s', (_name, path, expected) => {
    const queue = new FaultQueue();
    const fault: Fault =
      path === undefined ? { type: 'reset', times: 10 } : { type: 'reset', times: 10, path };
    queue.add(fault);
    expect([queue.take(chat, true) !== undefined, queue.take('/health', false) !== undefined]).toEqual(
      expected,
    );
  });

  it.each([
    [{ type: 'reset', times: 0 }, "fault 'reset': times must be a positive integer or Infinity, got 0"],
    [{ type: 'latency', ms: -1 }, "fault 'latency': ms must be a finite number >= 0, got -1"],
    [
      { type: 'status', status: 200 },
      "fault 'status': status must be an HTTP error status (400-599), got 200",
    ],
    [{ type: 'cut-stream', afterChunks: 1.5 }, "fault 'cut-stream': afterChunks must be an integer, got 1.5"],
  ] as const)('rejects %o with a clear message', (fault, message) => {
    expect(() => new FaultQueue().add(fault as Fault)).toThrow(message);
  });
});
