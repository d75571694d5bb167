import { BackendCallError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { errorClassificationCases as rows } from './__fixtures__/error-classification-cases.js';
import { toBackendCallError } from './to-backend-call-error.js';

describe('toBackendCallError', () => {
  it.each(rows)('$name → $code', (row) => {
    const statusText = row.status === 504 ? 'Gateway Time-out' : undefined;
    const error = toBackendCallError(
      {
        status: row.status,
        statusText,
        body: typeof row.body === 'string' ? row.body : JSON.stringify(row.body),
        phase: 'headers',
      },
      { backend: 'test-backend' },
    );
    expect(BackendCallError.isInstance(error)).toBe(true);
    expect(error.code).toBe(row.code);
    expect(error.isRetryable).toBe(row.retryable);
    expect(error.status).toBe(row.status);
    expect(error.backend).toBe('test-backend');
    expect(error.phase).toBe('headers');
    if (row.message instanceof RegExp) expect(error.message).toMatch(row.message);
    else if (row.message !== undefined) expect(error.message).toBe(row.message);
    else expect(error.message.length).toBeGreaterThan(0);
  });

  it('reads the body as text when it is not JSON', () => {
    const error = toBackendCallError(
      { status: 502, body: 'upstream connect error', phase: 'headers' },
      { backend: 'b' },
    );
    expect(error.message).toBe('upstream connect error');
    expect(error.code).toBe('unavailable');
  });

  it('classifies an in-stream error by the status inside the body (llama.cpp KV overflow after 200)', () => {
    const error = toBackendCallError(
      {
        status: 200,
        body: { error: { code: 500, message: 'Context size has been exceeded.', type: 'server_error' } },
        phase: 'stream',
      },
      { backend: 'llamacpp' },
    );
    expect(error).toMatchObject({ code: 'overloaded', isRetryable: true, status: 500, phase: 'stream' });
  });

  it('classifies a TGI in-stream error with http_status_code', () => {
    const error = toBackendCallError(
      {
        status: 200,
        body: {
          error: {
            message: 'Input validation error: `inputs` must have less than 4096 tokens',
            http_status_code: 422,
          },
        },
        phase: 'stream',
      },
      { backend: 'tgi' },
    );
    expect(error).toMatchObject({ code: 'context-length-exceeded', status: 422, phase: 'stream' });
  });

  it('classifies an OpenRouter in-stream error with a string code and no status', () => {
    const error = toBackendCallError(
      {
        status: 200,
        body: { error: { code: 'server_error', message: 'Provider disconnected unexpectedly' } },
        phase: 'stream',
      },
      { backend: 'openrouter' },
    );
    expect(error).toMatchObject({ code: 'unknown', isRetryable: true, status: undefined });
  });

  it('takes Retry-After from the headers', () => {
    const error = toBackendCallError(
      { status: 429, body: '{}', headers: new Headers({ 'retry-after': '7' }), phase: 'headers' },
      { backend: 'b' },
    );
    expect(error.retryAfterMs).toBe(7000);
  });

  it('lets a dialect classifier override the generic one, and falls through when it returns undefined', () => {
    const classifier = ({ details }: { details: { message: string } }) =>
      details.message === 'special' ? ({ code: 'unavailable', hint: 'quirk' } as const) : undefined;
    const special = toBackendCallError(
      { status: 400, body: { error: 'special' }, phase: 'headers' },
      { backend: 'b', classifier },
    );
    expect(special).toMatchObject({ code: 'unavailable', message: 'special (quirk)', isRetryable: true });
    const other = toBackendCallError(
      { status: 400, body: { error: 'other' }, phase: 'headers' },
      { backend: 'b', classifier },
    );
    expect(other.code).toBe('invalid-request');
  });

  it.each<[string, unknown, Record<string, string>, string | undefined, string]>([
    [
      'from the body',
      {
        type: 'error',
        error: { type: 'api_error', message: 'Internal server error' },
        request_id: 'req_body',
      },
      { 'request-id': 'req_header' },
      'request-id',
      'Internal server error (request-id req_body)',
    ],
    [
      'from the named header when the body has none',
      'upstream connect error',
      { 'request-id': 'req_header' },
      'request-id',
      'upstream connect error (request-id req_header)',
    ],
    [
      'nowhere when no header is named',
      { error: { message: 'Internal server error' } },
      { 'request-id': 'req_header' },
      undefined,
      'Internal server error',
    ],
  ])('appends the request id %s', (_, body, headers, requestIdHeader, message) => {
    const error = toBackendCallError(
      { status: 500, body, headers: new Headers(headers), phase: 'headers' },
      { backend: 'b', requestIdHeader },
    );
    expect(error.message).toBe(message);
  });

  it("reads Anthropic's error.details.error_code, so a spend cap on a 429 is quota-exhausted with its hint", () => {
    const body = {
      type: 'error',
      error: {
        type: 'rate_limit_error',
        message: 'Limit reached.',
        details: { error_code: 'enforced_spend_limit_reached' },
      },
      request_id: 'req_1',
    };
    const classifier = ({ details }: { details: { code?: string } }) =>
      details.code === 'enforced_spend_limit_reached'
        ? ({ code: 'quota-exhausted', isRetryable: false, hint: 'spend cap' } as const)
        : undefined;
    expect(
      toBackendCallError({ status: 429, body: JSON.stringify(body), phase: 'headers' }, { backend: 'b' }),
    ).toMatchObject({
      code: 'quota-exhausted',
      isRetryable: false,
      message: 'Limit reached. (request-id req_1)',
    });
    expect(
      toBackendCallError({ status: 429, body, phase: 'headers' }, { backend: 'b', classifier }),
    ).toMatchObject({ code: 'quota-exhausted', message: 'Limit reached. (spend cap) (request-id req_1)' });
  });

  it('redacts keys from the message: the configured secret, Bearer tokens and sk- keys', () => {
    const body = {
      error: {
        message:
          'Incorrect API key provided: sk-proj-AbCdEf123456. Header was Bearer my-secret-token-value and key local-key-9876',
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      },
    };
    const error = toBackendCallError(
      { status: 401, body, phase: 'headers' },
      { backend: 'b', secrets: ['local-key-9876'] },
    );
    expect(error.message).not.toContain('AbCdEf123456');
    expect(error.message).not.toContain('my-secret-token-value');
    expect(error.message).not.toContain('local-key-9876');
    expect(JSON.stringify(error.toJSON())).not.toMatch(/AbCdEf|my-secret|9876/);
  });

  it('cuts a request echo (old llama.cpp) and truncates long messages', () => {
    const echo = toBackendCallError(
      {
        status: 500,
        body: {
          error: {
            code: 500,
            message:
              'Failed to parse messages: Unsupported content part type: "image_url"; messages = [{"role":"user","content":"my private text"}]',
            type: 'server_error',
          },
        },
        phase: 'headers',
      },
      { backend: 'llamacpp' },
    );
    expect(echo.message).toBe('Failed to parse messages: Unsupported content part type: "image_url"');
    const long = toBackendCallError(
      { status: 400, body: { error: 'x'.repeat(5000) }, phase: 'headers' },
      { backend: 'b' },
    );
    expect(long.message.length).toBeLessThanOrEqual(401);
  });
});
