import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact-secrets.js';

describe('redactSecrets', () => {
  it.each([
    ['Incorrect API key provided: sk-proj-abc123XYZ789.', 'Incorrect API key provided: sk-[redacted].'],
    ['key sk-or-v1-0123456789abcdef rejected', 'key sk-[redacted] rejected'],
    ['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload', 'Authorization: Bearer [redacted]'],
    ['token hf_AbCdEfGhIjKlMnOp invalid', 'token hf_[redacted] invalid'],
    ['{"api_key": "plainvalue"}', '{"api_key": "[redacted]"}'],
    ['x-api-key=abc123', 'x-api-key=[redacted]'],
    [
      'GET https://host/v1/models?key=AIzaSyA-1234567890abcdefghij&x=1',
      'GET https://host/v1/models?key=[redacted]&x=1',
    ],
    ["Field 'max_tokens': type must be number", "Field 'max_tokens': type must be number"],
    [
      'request (3608 tokens) exceeds the available context size',
      'request (3608 tokens) exceeds the available context size',
    ],
  ])('%s', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it('redacts configured secrets verbatim, longest first, ignoring very short ones', () => {
    expect(redactSecrets('sekret and sekret-long and abc', ['sekret', 'sekret-long', 'abc'])).toBe(
      '[redacted] and [redacted] and abc',
    );
  });
});
