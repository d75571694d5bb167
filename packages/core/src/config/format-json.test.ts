import { describe, expect, test } from 'vitest';
import { formatJson } from './format-json.js';

describe('formatJson', () => {
  test.each([
    ['scalar', 3, '3\n'],
    ['empty containers', { a: {}, b: [] }, '{\n  "a": {},\n  "b": []\n}\n'],
    [
      'short scalar array stays on one line',
      { enum: ['local', 'cloud'] },
      '{\n  "enum": ["local", "cloud"]\n}\n',
    ],
    ['array of objects expands', [{ a: 1 }], '[\n  {\n    "a": 1\n  }\n]\n'],
    ['undefined values are dropped', { a: undefined, b: null }, '{\n  "b": null\n}\n'],
  ])('%s', (_name, value, expected) => {
    expect(formatJson(value)).toBe(expected);
  });

  test('a scalar array that would pass the line width expands, one item per line', () => {
    const value = { required: ['aaaaaaaaaa', 'bbbbbbbbbb', 'cccccccccc'] };
    expect(formatJson(value, 40)).toBe(
      '{\n  "required": [\n    "aaaaaaaaaa",\n    "bbbbbbbbbb",\n    "cccccccccc"\n  ]\n}\n',
    );
    expect(formatJson(value, 60)).toBe('{\n  "required": ["aaaaaaaaaa", "bbbbbbbbbb", "cccccccccc"]\n}\n');
  });

  test('round-trips through JSON.parse', () => {
    const value = { a: [1, 'two', true, null, { b: [0.5] }], 'key "quoted"': 'x\ny' };
    expect(JSON.parse(formatJson(value))).toEqual(value);
  });
});
