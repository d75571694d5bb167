import { describe, expect, test } from 'vitest';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import { parseConfigText } from './parse-config-text.js';

function syntaxErrorOf(text: string, format: 'yaml' | 'json'): InvalidConfigError {
  try {
    parseConfigText(text, { format, source: 'switchyard.test' });
  } catch (error) {
    if (InvalidConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a syntax error');
}

describe('parseConfigText', () => {
  test('reads YAML, and JSON as YAML', () => {
    expect(parseConfigText('a: 1\nb: [x, y]\n')).toEqual({ a: 1, b: ['x', 'y'] });
    expect(parseConfigText('{"a": 1}')).toEqual({ a: 1 });
    expect(parseConfigText('{\n\t"a": {\n\t\t"b": 2\n\t}\n}', { format: 'json' })).toEqual({ a: { b: 2 } });
  });

  test('keeps YAML 1.2 scalars: yes/on stay strings', () => {
    expect(parseConfigText('a: yes\nb: on\nc: true\n')).toEqual({ a: 'yes', b: 'on', c: true });
  });

  test.each([
    [
      'unterminated quote',
      'backends:\n  openai:\n    apiKey: "sk-secret-123\n',
      'yaml',
      'config switchyard.test is not valid YAML: line 4, column 1: Missing closing "quote',
    ],
    [
      'duplicate key',
      'a: 1\na: 2\n',
      'yaml',
      'config switchyard.test is not valid YAML: line 2, column 1: Map keys must be unique',
    ],
    [
      'JSON trailing comma (position from V8)',
      '{\n  "a": 1,\n}',
      'json',
      'config switchyard.test is not valid JSON: line 3, column 1: Expected double-quoted property name',
    ],
    [
      'JSON unexpected token (position from the YAML parser)',
      '{\n  "apiKey": sk-secret-123\n}',
      'json',
      'config switchyard.test is not valid JSON: line 2, column 13: unexpected token',
    ],
    ['JSON cut short', '{"a": ', 'json', 'config switchyard.test is not valid JSON: unexpected end of input'],
  ] as const)('%s: gives line and column, never the text', (_name, text, format, message) => {
    const error = syntaxErrorOf(text, format);
    expect(error.message).toBe(message);
    expect(error.source).toBe('switchyard.test');
    expect(`${error.message}${error.issues.join('')}`).not.toContain('sk-secret');
  });
});
