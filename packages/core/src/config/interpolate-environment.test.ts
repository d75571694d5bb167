// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` is the config interpolation syntax, not a template
import { describe, expect, test } from 'vitest';
import { interpolateEnvironment } from './interpolate-environment.js';

const environment = { HOST: 'gpu-box', PORT: '8080', EMPTY: '', SECRET: 'sk-live-1234' };

describe('interpolateEnvironment', () => {
  test.each([
    ['no expression', 'http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['whole value', '${HOST}', 'gpu-box'],
    ['inside text', 'http://${HOST}:${PORT}/v1', 'http://gpu-box:8080/v1'],
    ['default when unset', '${MISSING:-http://127.0.0.1:11434}', 'http://127.0.0.1:11434'],
    ['default when empty', '${EMPTY:-fallback}', 'fallback'],
    ['set value wins over default', '${PORT:-9999}', '8080'],
    ['empty default', 'x${MISSING:-}y', 'xy'],
    ['default with colons and slashes', '${MISSING:-a:b/c}', 'a:b/c'],
    ['empty variable without default', '[${EMPTY}]', '[]'],
    ['escaped', 'literal $${HOST} stays', 'literal ${HOST} stays'],
    ['lone dollar', 'costs $5', 'costs $5'],
  ])('%s', (_name, input, expected) => {
    const result = interpolateEnvironment({ value: input }, environment);
    expect(result.issues).toEqual([]);
    expect(result.value).toEqual({ value: expected });
  });

  test('walks nested objects and arrays and keeps non-strings as they are', () => {
    const input = {
      backends: { a: { headers: { Authorization: 'Bearer ${SECRET}' }, timeoutMs: 5 } },
      list: ['${HOST}', 3, true, null],
    };
    expect(interpolateEnvironment(input, environment).value).toEqual({
      backends: { a: { headers: { Authorization: 'Bearer sk-live-1234' }, timeoutMs: 5 } },
      list: ['gpu-box', 3, true, null],
    });
  });

  test('does not interpolate keys', () => {
    expect(interpolateEnvironment({ '${HOST}': 1 }, environment).value).toEqual({ '${HOST}': 1 });
  });

  test('returns a copy and leaves the input untouched', () => {
    const input = Object.freeze({
      nested: Object.freeze({ url: '${HOST}' }),
      list: Object.freeze(['${PORT}']),
    });
    const { value } = interpolateEnvironment(input, environment);
    expect(value).not.toBe(input);
    expect(input.nested.url).toBe('${HOST}');
    expect(input.list[0]).toBe('${PORT}');
  });

  test.each([
    [
      'unset variable without default names the variable and the path',
      { backends: { openrouter: { apiKey: '${OPENROUTER_KEY}' } } },
      'backends.openrouter.apiKey: environment variable OPENROUTER_KEY is not set (or use ${OPENROUTER_KEY:-default})',
    ],
    [
      'bad variable name',
      { targets: [{ model: '${lower-case}' }] },
      'targets[0].model: invalid ${…} expression; use ${NAME} or ${NAME:-default}',
    ],
    ['empty expression', { a: '${}' }, 'a: invalid ${…} expression; use ${NAME} or ${NAME:-default}'],
    ['unterminated', { a: 'http://${HOST' }, 'a: unterminated ${ (write $${ for a literal ${)'],
  ])('%s', (_name, input, issue) => {
    expect(interpolateEnvironment(input, environment).issues).toEqual([issue]);
  });

  test('never puts a variable value into an issue', () => {
    const { issues } = interpolateEnvironment({ a: '${SECRET}${NOPE}', b: '${SECRET' }, environment);
    expect(issues).toHaveLength(2);
    for (const issue of issues) expect(issue).not.toContain('sk-live');
  });

  test('does not read inherited properties of the environment object', () => {
    const { issues } = interpolateEnvironment({ a: '${toString}' }, {});
    expect(issues).toEqual(['a: environment variable toString is not set (or use ${toString:-default})']);
  });
});
