import type { ErrorClassifier } from '@switchyard/backend-kit';

/**
 * TGI's error quirks on top of the generic classification (which already maps 422 validation
 * context overflow → `context-length-exceeded`, 429 `overloaded`, 424 generation failure →
 * `unavailable`): grammar + tools in one request is `unsupported` with a hint, and a server
 * started with `--disable-grammar-support` cannot do structured output.
 *
 * @example
 * classifyTgiError({ status: 422, details: { message: 'Grammar and tools are mutually exclusive', type: 'validation' } });
 * // → { code: 'unsupported', hint: 'TGI cannot combine response_format and tools in one request' }
 */
export const classifyTgiError: ErrorClassifier = ({ details }) => {
  if (/grammar and tools are mutually exclusive/i.test(details.message)) {
    return { code: 'unsupported', hint: 'TGI cannot combine response_format and tools in one request' };
  }
  if (/grammar is not supported/i.test(details.message)) {
    return { code: 'unsupported', hint: 'the TGI server runs with --disable-grammar-support' };
  }
  return undefined;
};
