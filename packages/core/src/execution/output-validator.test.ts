import { describe, expect, it } from 'vitest';
import type { ChatCompletion } from '../spec/chat-completion.js';
import { extractJsonText } from './extract-json-text.js';
import { checkCompletion, schemaOutputValidator } from './output-validator.js';

function completionOf(...contents: (string | null)[]): ChatCompletion {
  return {
    id: 'c',
    object: 'chat.completion',
    created: 0,
    model: 'm',
    choices: contents.map((content, index) => ({
      index,
      message: { role: 'assistant' as const, content },
      finish_reason: 'stop' as const,
    })),
  };
}

const validator = schemaOutputValidator(
  { type: 'object', properties: { label: { enum: ['positive', 'negative'] } }, required: ['label'] },
  'label',
);

describe('checkCompletion', () => {
  it.each([
    { name: 'valid JSON', contents: ['{"label":"positive"}'], errors: undefined },
    { name: 'fenced JSON', contents: ['```json\n{"label":"negative"}\n```'], errors: undefined },
    { name: 'not JSON', contents: ['positive'], errors: [/^\(root\): not valid JSON/] },
    {
      name: 'no content',
      contents: [null],
      errors: [/no content to parse \(expected JSON matching schema 'label'\)/],
    },
    {
      name: 'a value outside the enum',
      contents: ['{"label":"meh"}'],
      errors: [/^\/label: must be equal to one of the allowed values: "positive", "negative"$/],
    },
    {
      name: 'every choice is checked',
      contents: ['{"label":"positive"}', '{}'],
      errors: [/^choices\[1\] \(root\): must have required property 'label'$/],
    },
  ])('$name', ({ contents, errors }) => {
    const check = checkCompletion(completionOf(...contents), validator);
    if (errors === undefined) {
      expect(check.ok).toBe(true);
      return;
    }
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.errors).toHaveLength(errors.length);
      errors.forEach((pattern, index) => {
        expect(check.errors[index]).toMatch(pattern);
      });
    }
  });

  it('returns the parsed value and the unwrapped completion', () => {
    const check = checkCompletion(completionOf('```json\n{"label":"negative"}\n```'), validator);
    expect(check.ok && check.value).toEqual({ label: 'negative' });
    expect(check.ok && check.completion.choices[0]?.message.content).toBe('{"label":"negative"}');
  });
});

describe('extractJsonText', () => {
  it.each([
    { input: '  {"a":1}\n', output: '{"a":1}' },
    { input: '```json\n{"a":1}\n```', output: '{"a":1}' },
    { input: '```\n[1]\n```', output: '[1]' },
    { input: 'Here: ```json\n{}\n```', output: 'Here: ```json\n{}\n```' },
  ])('$input', ({ input, output }) => {
    expect(extractJsonText(input)).toBe(output);
  });
});
