import { BackendCallError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { EmbeddedRequestError, toEmbeddedCallError } from './embedded-call-error.js';

const where = { backend: 'embedded', phase: 'headers' as const };

function abortedSignal(reason: unknown): AbortSignal {
  const controller = new AbortController();
  controller.abort(reason);
  return controller.signal;
}

describe('toEmbeddedCallError', () => {
  it.each([
    {
      name: 'a request error keeps its code and message',
      error: new EmbeddedRequestError('context-length-exceeded', 'too long'),
      signal: undefined,
      expected: { code: 'context-length-exceeded', message: 'too long', isRetryable: false },
    },
    {
      name: 'an aborted signal',
      error: new Error('whatever llama.cpp threw'),
      signal: abortedSignal(new Error('user left')),
      expected: { code: 'aborted', message: 'The call was aborted by the caller', isRetryable: false },
    },
    {
      name: 'a timed-out signal',
      error: new DOMException('signal timed out', 'TimeoutError'),
      signal: abortedSignal(new DOMException('signal timed out', 'TimeoutError')),
      expected: { code: 'timeout', isRetryable: true },
    },
    {
      name: 'an AbortError without a signal',
      error: new DOMException('aborted', 'AbortError'),
      signal: undefined,
      expected: { code: 'aborted' },
    },
    {
      name: 'anything else',
      error: new Error('ggml_abort'),
      signal: undefined,
      expected: { code: 'unknown', message: 'Embedded generation failed: ggml_abort' },
    },
  ])('maps $name', ({ error, signal, expected }) => {
    const mapped = toEmbeddedCallError(error, { ...where, signal });
    expect(mapped).toMatchObject({ ...expected, backend: 'embedded', phase: 'headers' });
    expect(mapped.cause).toBe(error);
  });

  it('returns a BackendCallError as it is', () => {
    const original = new BackendCallError({
      message: 'm',
      code: 'unavailable',
      backend: 'x',
      phase: 'connect',
    });
    expect(toEmbeddedCallError(original, where)).toBe(original);
  });
});
