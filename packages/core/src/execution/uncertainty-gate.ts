import { phraseFinder } from './phrase-finder.js';
import { answerText, type QualityGate } from './quality-gate.js';

/** Default phrases of {@link uncertaintyGate} (matched case-insensitively, either apostrophe). */
export const DEFAULT_UNCERTAINTY_PHRASES: readonly string[] = [
  "I'm not sure",
  'I am not sure',
  "I don't know",
  'I do not know',
  "I'm not certain",
  'I am not certain',
  'as an AI',
];

/**
 * Fails an answer that hedges: one of `phrases` within its first `searchFirstCharacters`
 * characters (default 300 — hedges open an answer; a long answer quoting one further on passes).
 *
 * @example
 * uncertaintyGate({ phrases: [...DEFAULT_UNCERTAINTY_PHRASES, 'I cannot determine'] });
 */
export function uncertaintyGate(
  options: { readonly phrases?: readonly string[]; readonly searchFirstCharacters?: number } = {},
): QualityGate {
  const findPhrase = phraseFinder(options.phrases ?? DEFAULT_UNCERTAINTY_PHRASES);
  const window = options.searchFirstCharacters ?? 300;
  return {
    name: 'uncertainty',
    check(completion) {
      const found = findPhrase(answerText(completion).slice(0, window));
      return found === undefined ? { ok: true } : { ok: false, reason: `the answer hedges ("${found}")` };
    },
  };
}
