import {
  type AttemptRecord,
  BackendCallError,
  type BackendErrorCode,
  ExecutionError,
  InvalidRequestError,
  NoRouteError,
  PolicyError,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { GatewayHttpError } from './gateway-http-error.js';
import { httpErrorOf } from './http-error-of.js';

const identity = (text: string) => text;

function attempt(target: string, errorCode: BackendErrorCode): AttemptRecord {
  return {
    target,
    backend: target,
    kind: 'openai',
    model: 'm',
    tier: 3,
    locality: 'cloud',
    hop: 0,
    retry: 0,
    stream: false,
    status: 'error',
    errorCode,
    latencyMs: 1,
    warnings: [],
  };
}

function executionError(code: BackendErrorCode, codes: readonly BackendErrorCode[], retryAfterMs?: number) {
  return new ExecutionError({
    requestId: 'r1',
    failure: code === 'invalid-request' || code === 'unauthorized' ? 'stopped' : 'exhausted',
    code,
    summary: `failed with ${code}`,
    attempts: codes.map((item, index) => attempt(`t${index}`, item)),
    cause: new BackendCallError({
      message: `upstream ${code}`,
      code,
      backend: 'b',
      phase: 'headers',
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    }),
  });
}

describe('httpErrorOf', () => {
  it.each([
    {
      name: 'rate limited everywhere',
      error: executionError('rate-limited', ['rate-limited', 'quota-exhausted'], 2_500),
      status: 429,
      code: 'rate_limited',
      retryAfter: '3',
    },
    {
      name: 'rate limited without Retry-After',
      error: executionError('rate-limited', ['rate-limited']),
      status: 429,
      code: 'rate_limited',
      retryAfter: '1',
    },
    {
      name: 'rate limited and down',
      error: executionError('overloaded', ['rate-limited', 'overloaded']),
      status: 503,
      code: 'no_target_available',
    },
    {
      name: 'saturated (no attempt)',
      error: executionError('overloaded', []),
      status: 503,
      code: 'no_target_available',
    },
    {
      name: 'circuits open',
      error: executionError('unavailable', []),
      status: 503,
      code: 'no_target_available',
    },
    {
      name: 'network errors',
      error: executionError('network', ['network', 'network']),
      status: 503,
      code: 'no_target_available',
    },
    {
      name: 'every target timed out',
      error: executionError('timeout', ['timeout']),
      status: 504,
      code: 'upstream_timeout',
    },
    {
      name: 'invalid output',
      error: executionError('invalid-output', ['invalid-output']),
      status: 502,
      code: 'invalid_upstream_output',
    },
    {
      name: 'upstream refused the request',
      error: executionError('invalid-request', ['invalid-request']),
      status: 400,
      code: 'upstream_invalid_request',
    },
    {
      name: 'upstream refused our key',
      error: executionError('unauthorized', ['unauthorized']),
      status: 502,
      code: 'upstream_unauthorized',
    },
    {
      name: 'prompt too long upstream',
      error: executionError('context-length-exceeded', ['context-length-exceeded']),
      status: 400,
      code: 'context_length_exceeded',
    },
    {
      name: 'unsupported feature',
      error: executionError('unsupported', ['unsupported']),
      status: 422,
      code: 'unsupported',
    },
    {
      name: 'unknown upstream error',
      error: executionError('unknown', ['unknown']),
      status: 502,
      code: 'upstream_error',
    },
    {
      name: 'invalid request',
      error: new InvalidRequestError({
        message: 'invalid request: messages: expected array',
        issues: ['messages: expected array'],
      }),
      status: 400,
      code: 'invalid_value',
      param: 'messages',
    },
    {
      name: 'no route',
      error: new NoRouteError({
        requestId: 'r',
        trace: [
          { policy: 'privacy', outcome: 'rejected', reason: 'no local target', dropped: [], remaining: [] },
        ],
      }),
      status: 422,
      code: 'no_route',
    },
    {
      name: 'a policy bug',
      error: new PolicyError({ policy: 'cost', requestId: 'r', cause: new Error('boom') }),
      status: 500,
      code: 'policy_error',
    },
    { name: 'anything else', error: new TypeError('x is undefined'), status: 500, code: 'internal_error' },
  ])('$name → $status $code', ({ error, status, code, ...expected }) => {
    const answer = httpErrorOf(error, { abortReason: undefined, redact: identity });
    expect(answer.status).toBe(status);
    expect(answer.code).toBe(code);
    if ('retryAfter' in expected) expect(answer.headers['retry-after']).toBe(expected.retryAfter);
    if ('param' in expected) expect(answer.param).toBe(expected.param);
  });

  it('answers 504 for anything once the deadline passed, and 503 while shutting down', () => {
    const error = executionError('aborted', []);
    expect(httpErrorOf(error, { abortReason: 'deadline', redact: identity }).status).toBe(504);
    expect(httpErrorOf(error, { abortReason: 'shutdown', redact: identity })).toMatchObject({
      status: 503,
      code: 'shutting_down',
    });
  });

  it('keeps the no-route rejections and the attempts in the body', () => {
    const body = httpErrorOf(executionError('overloaded', ['overloaded']), {
      abortReason: undefined,
      redact: identity,
    }).toBody();
    expect(body.error.switchyard).toMatchObject({
      failure: 'exhausted',
      attempts: [{ target: 't0', errorCode: 'overloaded' }],
    });
  });

  it('redacts upstream messages and passes gateway errors through unchanged', () => {
    const answer = httpErrorOf(executionError('unknown', ['unknown']), {
      abortReason: undefined,
      redact: (text) => text.replace('failed with', '[x]'),
    });
    expect(answer.message).toBe('request r1: [x] unknown [attempts: t0 (m): unknown]');
    const own = new GatewayHttpError({ status: 405, type: 'invalid_request_error', message: 'no' });
    expect(httpErrorOf(own, { abortReason: 'deadline', redact: identity })).toBe(own);
  });
});
