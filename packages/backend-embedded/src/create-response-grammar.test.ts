import { describe, expect, it } from 'vitest';
import { finiteNumberRules } from './create-response-grammar.js';

// The rules as node-llama-cpp 3.22 writes them for a schema with an integer and a number.
const generated = [
  'root ::= "{" "\\"n\\"" ":" [ ]? integer-number-rule "," "\\"x\\"" ":" [ ]? fractional-number-rule "}"',
  'integer-number-rule ::= "-"? ("0" | [1-9] [0-9]{0,15}) ([eE] [-+]? ("0" | [1-9] [0-9]{0,15}))?',
  'fractional-number-rule ::= "-"? ("0" | [1-9] [0-9]{0,15}) ("." [0-9]{1,16})? ([eE] [-+]? ("0" | [1-9] [0-9]{0,15}))?',
  'boolean-rule ::= "true" | "false"',
].join('\n');

describe('finiteNumberRules', () => {
  it('drops the exponent of integers and caps other exponents at two digits', () => {
    expect(finiteNumberRules(generated).split('\n')).toEqual([
      'root ::= "{" "\\"n\\"" ":" [ ]? integer-number-rule "," "\\"x\\"" ":" [ ]? fractional-number-rule "}"',
      'integer-number-rule ::= "-"? ("0" | [1-9] [0-9]{0,15})',
      'fractional-number-rule ::= "-"? ("0" | [1-9] [0-9]{0,15}) ("." [0-9]{1,16})? ([eE] [-+]? [1-9] [0-9]?)?',
      'boolean-rule ::= "true" | "false"',
    ]);
  });

  it('keeps a grammar without number rules as it is', () => {
    expect(finiteNumberRules('root ::= "yes" | "no"')).toBe('root ::= "yes" | "no"');
  });

  it('yields numbers that stay finite: the largest allowed number parses', () => {
    expect(Number.isFinite(JSON.parse('9999999999999999.9999999999999999e99'))).toBe(true);
  });
});
