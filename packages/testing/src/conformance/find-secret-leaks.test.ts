import { BackendCallError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { findSecretLeaks } from './find-secret-leaks.js';

const secret = 'sk-live-0123456789';

describe('findSecretLeaks', () => {
  it.each([
    [
      'a clean error',
      new BackendCallError({ message: 'rate limited', code: 'rate-limited', backend: 'b', phase: 'headers' }),
      [],
    ],
    [
      'the message',
      new BackendCallError({
        message: `bad key ${secret}`,
        code: 'unauthorized',
        backend: 'b',
        phase: 'headers',
      }),
      ['inspect(error)', 'message', 'stack', 'toJSON()'],
    ],
    [
      'a cause only a logger would print',
      new BackendCallError({
        message: 'failed',
        code: 'network',
        backend: 'b',
        phase: 'connect',
        cause: new Error(`authorization: Bearer ${secret}`),
      }),
      ['inspect(error)'],
    ],
  ] as const)('finds the secret in %s', (_name, error, places) => {
    const leaks = findSecretLeaks(error, [secret, '']);
    expect(leaks.map((leak) => leak.split(' contains')[0])).toEqual(places);
    for (const leak of leaks) expect(leak).not.toContain(secret);
  });
});
