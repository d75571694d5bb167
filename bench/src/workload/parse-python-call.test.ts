import { describe, expect, it } from 'vitest';
import { parsePythonCall } from './parse-python-call.js';

describe('parsePythonCall', () => {
  it.each([
    ["cd(folder='document')", { name: 'cd', positional: [], keyword: { folder: 'document' } }],
    ["sort('final_report.pdf')", { name: 'sort', positional: ['final_report.pdf'], keyword: {} }],
    ['pwd()', { name: 'pwd', positional: [], keyword: {} }],
    ['mean(numbers=[100, 95, 85])', { name: 'mean', positional: [], keyword: { numbers: [100, 95, 85] } }],
    ['mean([37])', { name: 'mean', positional: [[37]], keyword: {} }],
    [
      "lockDoors(unlock=True, door=['driver', 'passenger'])",
      { name: 'lockDoors', positional: [], keyword: { unlock: true, door: ['driver', 'passenger'] } },
    ],
    [
      "edit_ticket(ticket_id=654321, updates={'priority':2})",
      { name: 'edit_ticket', positional: [], keyword: { ticket_id: 654321, updates: { priority: 2 } } },
    ],
    ['f(x=-1.5e3, y=None, z=False)', { name: 'f', positional: [], keyword: { x: -1500, y: null, z: false } }],
    ['f(point=(1, 2),)', { name: 'f', positional: [], keyword: { point: [1, 2] } }],
    [
      String.raw`echo(content='a\nb \'q\' \u00e9', file_name="x.txt")`,
      { name: 'echo', positional: [], keyword: { content: "a\nb 'q' é", file_name: 'x.txt' } },
    ],
    [
      "post_tweet('Hi!', tags=['#a'])",
      { name: 'post_tweet', positional: ['Hi!'], keyword: { tags: ['#a'] } },
    ],
    ["f(expr='a=b')", { name: 'f', positional: [], keyword: { expr: 'a=b' } }],
  ])('%s', (text, expected) => {
    expect(parsePythonCall(text)).toEqual(expected);
  });

  it.each([
    ["cd(folder='document'", /expected ',' or '\)'/],
    ["cd(folder='document", /unterminated string/],
    ['cd(folder=document)', /expected a literal/],
    ["cd(folder='a') extra", /unexpected text after the call/],
    ["f(x=1, 'y')", /positional argument after keyword argument/],
    ['(1)', /expected a name/],
  ])('rejects %s', (text, message) => {
    expect(() => parsePythonCall(text)).toThrow(message);
  });
});
