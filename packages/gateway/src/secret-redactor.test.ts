import { describe, expect, it } from 'vitest';
import { headerSafe } from './header-safe.js';
import { createSecretRedactor } from './secret-redactor.js';

describe('createSecretRedactor', () => {
  const redact = createSecretRedactor(
    [
      {
        id: 'a',
        kind: 'openai-compatible',
        apiKey: 'literal-key-123456',
        headers: {},
        locality: 'cloud',
        options: {},
      },
      { id: 'b', kind: 'openai', apiKeyEnv: 'B_KEY', headers: {}, locality: 'cloud', options: {} },
      {
        id: 'c',
        kind: 'vllm',
        headers: { 'X-Api-Key': 'header-secret-abcdef', 'X-Title': 'Switchyard-App' },
        locality: 'local',
        options: {},
      },
    ],
    { B_KEY: 'env-key-value-777777' },
  );

  it.each([
    { text: 'bad key literal-key-123456!', expected: 'bad key [redacted]!' },
    { text: 'key env-key-value-777777 expired', expected: 'key [redacted] expired' },
    { text: 'header header-secret-abcdef rejected', expected: 'header [redacted] rejected' },
    { text: 'Authorization: Bearer abc.def', expected: 'Authorization: Bearer [redacted]' },
    {
      text: 'Incorrect API key provided: sk-proj-abcdef123',
      expected: 'Incorrect API key provided: sk-[redacted]',
    },
    { text: 'sent by Switchyard-App', expected: 'sent by Switchyard-App' },
    { text: 'nothing secret here', expected: 'nothing secret here' },
  ])('$text → $expected', ({ text, expected }) => {
    expect(redact(text)).toBe(expected);
  });
});

describe('headerSafe', () => {
  it.each([
    { text: "alias 'fast' → local-8b", expected: "alias 'fast' -> local-8b" },
    { text: 'tier 1–2, naïve', expected: 'tier 1?2, na?ve' },
    { text: 'line\nbreak', expected: 'line?break' },
    { text: 'x'.repeat(250), expected: `${'x'.repeat(197)}...` },
  ])('$text → $expected', ({ text, expected }) => {
    expect(headerSafe(text)).toBe(expected);
  });
});
