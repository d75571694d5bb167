import { BackendCallError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { parseToolArguments } from './parse-tool-arguments.js';

const context = { backend: 'native' };

describe('parseToolArguments', () => {
  it.each<[string, Record<string, unknown>]>([
    ['{"city":"Paris","days":3}', { city: 'Paris', days: 3 }],
    ['  ', {}],
    ['', {}],
    ['{}', {}],
  ])('parses %j', (text, expected) => {
    expect(parseToolArguments(text, 'messages[1].tool_calls[0]', context)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['{city:', 'messages[1].tool_calls[0].function.arguments is not valid JSON'],
    ['["Paris"]', 'messages[1].tool_calls[0].function.arguments must be a JSON object'],
    ['null', 'messages[1].tool_calls[0].function.arguments must be a JSON object'],
    ['"Paris"', 'messages[1].tool_calls[0].function.arguments must be a JSON object'],
  ])('rejects %j before any request, naming where', (text, message) => {
    let thrown: unknown;
    try {
      parseToolArguments(text, 'messages[1].tool_calls[0]', context);
    } catch (error) {
      thrown = error;
    }
    expect(BackendCallError.isInstance(thrown)).toBe(true);
    expect(thrown).toMatchObject({
      message,
      code: 'invalid-request',
      phase: 'connect',
      backend: 'native',
      isRetryable: false,
    });
  });
});
