import { describe, expect, it } from 'vitest';
import {
  answerWords,
  canonicalJsonText,
  compareAnswers,
  type LiveAnswer,
  tokenSetJaccard,
} from './answer-agreement.js';

const text = (value: string): LiveAnswer => ({ text: value, toolCalls: [] });
const calls = (...list: [string, string][]): LiveAnswer => ({
  text: '',
  toolCalls: list.map(([name, args]) => ({ name, arguments: args })),
});

describe('compareAnswers', () => {
  it.each([
    [
      'short answers equal after normalisation',
      text('The answer is: B.'),
      text('the answer is b'),
      false,
      'short-text',
      1,
    ],
    ['short answers that differ', text('B'), text('C'), false, 'short-text', 0],
    [
      'prose by token-set Jaccard (5 shared of 7 distinct words)',
      text('Hello from vllm emulator, hello again and again and again.'),
      text('Hello from openai emulator, hello again and again and again.'),
      false,
      'prose',
      5 / 7,
    ],
    [
      'JSON with keys in another order and string case',
      text('{"b":1,"a":"New  York"}'),
      text('```json\n{"a":"new york","b":1.0}\n```'),
      true,
      'json',
      1,
    ],
    ['JSON that differs in a value', text('{"a":1}'), text('{"a":2}'), true, 'json', 0],
    ['JSON requested but one answer is not JSON', text('{"a":1}'), text('a is 1'), true, 'json', 0],
    [
      'JSON requested, both cut off the same way',
      text('{"a":"Hello! Hel'),
      text(' {"a":"Hello! Hel'),
      true,
      'json',
      1,
    ],
    ['JSON requested, both cut off differently', text('{"a":"Hello! Hel'), text('{"a":"Hi'), true, 'json', 0],
    [
      'tool calls in another order with reordered arguments',
      calls(['get_weather', '{"city":"Oslo","unit":"c"}'], ['get_time', '{}']),
      calls(['get_time', '{}'], ['get_weather', '{"unit":"c","city":"oslo"}']),
      false,
      'tool-calls',
      1,
    ],
    ['a tool call against text', calls(['get_time', '{}']), text('It is noon.'), false, 'tool-calls', 0],
  ])('%s', (_name, first, second, json, method, score) => {
    const result = compareAnswers(first, second, { json });
    expect(result.method).toBe(method);
    expect(result.score).toBeCloseTo(score, 10);
  });

  it('is symmetric', () => {
    const first = text('A long answer about routing requests to local models first, then cloud.');
    const second = text('Routing sends requests to cloud models when local ones cannot serve them.');
    expect(compareAnswers(first, second, { json: false })).toEqual(
      compareAnswers(second, first, { json: false }),
    );
  });
});

describe('answerWords', () => {
  it('lower-cases, applies NFKC and splits on anything but letters and digits', () => {
    expect(answerWords('Ｆｕｌｌ-width ÉTÉ, 42%!')).toEqual(['full', 'width', 'été', '42']);
  });
});

describe('tokenSetJaccard', () => {
  it.each([
    [[], [], 1],
    [['a'], [], 0],
    [['a', 'a', 'b'], ['b', 'a'], 1],
    [['hello', 'from', 'vllm', 'emulator'], ['hello', 'from', 'openai', 'emulator'], 3 / 5],
  ])('%j vs %j', (first, second, expected) => {
    expect(tokenSetJaccard(first, second)).toBeCloseTo(expected, 10);
  });
});

describe('canonicalJsonText', () => {
  it('sorts keys at every depth and normalises strings', () => {
    expect(canonicalJsonText('{"z":[{"y":" A  B ","x":1}],"a":null}')).toBe(
      '{"a":null,"z":[{"x":1,"y":"a b"}]}',
    );
  });

  it('is undefined for text that is not JSON', () => {
    expect(canonicalJsonText('not json')).toBeUndefined();
  });
});
