import { describe, expect, it, vi } from 'vitest';

describe('README library example', () => {
  it('routes to the local model and prints a typed object', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await import('./library-quickstart.js');
      expect(log).toHaveBeenCalledTimes(1);
      expect(String(log.mock.calls[0]?.[0])).toMatch(/^ok=(true|false) \(a boolean\) from tiny-local$/);
    } finally {
      log.mockRestore();
    }
  });
});
