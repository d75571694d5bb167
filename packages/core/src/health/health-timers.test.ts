import { describe, expect, test } from 'vitest';
import { unrefTimers } from './health-timers.js';

describe('unrefTimers', () => {
  test('timers do not keep the process alive, and fire', async () => {
    const fired = new Promise<string>((resolve) => {
      const handle = unrefTimers.setTimer(() => resolve('fired'), 5) as NodeJS.Timeout;
      expect(handle.hasRef()).toBe(false);
    });
    expect(await fired).toBe('fired');
  });

  test('clearTimer cancels', async () => {
    let fired = false;
    const handle = unrefTimers.setTimer(() => {
      fired = true;
    }, 1);
    unrefTimers.clearTimer(handle);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fired).toBe(false);
  });
});
