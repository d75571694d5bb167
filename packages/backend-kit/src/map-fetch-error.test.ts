import { BackendCallError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { connectionError } from './__fixtures__/fixture-fetch.js';
import { mapFetchError } from './map-fetch-error.js';

const base = { backend: 'b', url: 'http://127.0.0.1:8080/v1/chat/completions', phase: 'connect' as const };

describe('mapFetchError', () => {
  it.each([
    ['ECONNREFUSED', 'network', 'cannot reach http://127.0.0.1:8080/v1/chat/completions: connection refused'],
    ['ENOTFOUND', 'network', 'cannot reach http://127.0.0.1:8080/v1/chat/completions: host not found (DNS)'],
    ['ECONNRESET', 'network', 'cannot reach http://127.0.0.1:8080/v1/chat/completions: connection reset'],
    [
      'UND_ERR_SOCKET',
      'network',
      'cannot reach http://127.0.0.1:8080/v1/chat/completions: connection closed by the server',
    ],
    [
      'UND_ERR_CONNECT_TIMEOUT',
      'timeout',
      'connect timed out calling http://127.0.0.1:8080/v1/chat/completions',
    ],
    [
      'UND_ERR_HEADERS_TIMEOUT',
      'timeout',
      'no response headers in time (undici headersTimeout) calling http://127.0.0.1:8080/v1/chat/completions',
    ],
  ])('%s → %s', (code, expectedCode, message) => {
    const error = mapFetchError(connectionError(code), base);
    expect(error).toMatchObject({ code: expectedCode, phase: 'connect', isRetryable: true, message });
  });

  it('finds the code inside an AggregateError (both address families refused)', () => {
    const aggregate = new AggregateError(
      [Object.assign(new Error('x'), { code: 'ECONNREFUSED' })],
      'all failed',
    );
    const error = mapFetchError(new TypeError('fetch failed', { cause: aggregate }), base);
    expect(error.code).toBe('network');
    expect(error.message).toContain('connection refused');
  });

  it('maps an aborted signal to aborted, and a TimeoutError reason to timeout', () => {
    const controller = new AbortController();
    controller.abort();
    const aborted = mapFetchError(controller.signal.reason, { ...base, signal: controller.signal });
    expect(aborted).toMatchObject({ code: 'aborted', isRetryable: false });

    const timedOut = new AbortController();
    timedOut.abort(new DOMException('The operation timed out.', 'TimeoutError'));
    const timeout = mapFetchError(timedOut.signal.reason, {
      ...base,
      signal: timedOut.signal,
      phase: 'stream',
    });
    expect(timeout).toMatchObject({ code: 'timeout', phase: 'stream', isRetryable: true });
  });

  it('passes a BackendCallError through and redacts secrets from the URL', () => {
    const original = new BackendCallError({
      message: 'm',
      code: 'overloaded',
      backend: 'b',
      phase: 'stream',
    });
    expect(mapFetchError(original, base)).toBe(original);
    const error = mapFetchError(connectionError('ECONNREFUSED'), {
      ...base,
      url: 'https://h/v1?key=supersecretvalue',
    });
    expect(error.message).not.toContain('supersecretvalue');
  });
});
