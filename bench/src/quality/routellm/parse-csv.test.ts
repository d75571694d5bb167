import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse-csv.js';

describe('parseCsv', () => {
  it.each([
    {
      name: 'plain fields',
      text: 'a,b\n1,2\n',
      rows: [
        ['a', 'b'],
        ['1', '2'],
      ],
    },
    {
      name: 'quoted commas, quotes and newlines',
      text: 'p,x\n"a, ""b""\nc",True\n',
      rows: [
        ['p', 'x'],
        ['a, "b"\nc', 'True'],
      ],
    },
    {
      name: 'CRLF line ends and no final newline',
      text: 'a,b\r\n1,2',
      rows: [
        ['a', 'b'],
        ['1', '2'],
      ],
    },
    {
      name: 'empty fields',
      text: 'a,b,c\n,,x\n',
      rows: [
        ['a', 'b', 'c'],
        ['', '', 'x'],
      ],
    },
    { name: 'blank lines skipped', text: 'a\n\n1\n', rows: [['a'], ['1']] },
  ])('$name', ({ text, rows }) => {
    expect(parseCsv(text)).toEqual(rows);
  });

  it('fails on an unterminated quote', () => {
    expect(() => parseCsv('a\n"open')).toThrow('CSV ends inside a quoted field');
  });
});
