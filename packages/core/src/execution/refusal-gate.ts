import { phraseFinder } from './phrase-finder.js';
import { answerText, type QualityGate } from './quality-gate.js';

/** Default openings of {@link refusalGate} (matched case-insensitively, either apostrophe). */
export const DEFAULT_REFUSAL_PHRASES: readonly string[] = [
  "I'm sorry, but I can't",
  "I'm sorry, but I cannot",
  'I am sorry, but I cannot',
  "I can't help with",
  "I can't assist with",
  'I cannot help with',
  'I cannot assist with',
  "I'm unable to help",
  "I'm unable to assist",
  'I am unable to',
  "I won't be able to help",
];

/**
 * Fails a refusal: a `refusal` field on the message (OpenAI structured outputs), a
 * `content_filter` finish, or an answer that opens (first `searchFirstCharacters`, default 200)
 * with a typical refusal phrase.
 *
 * @example
 * createRouter({ …, qualityGates: [refusalGate()] });
 */
export function refusalGate(
  options: { readonly phrases?: readonly string[]; readonly searchFirstCharacters?: number } = {},
): QualityGate {
  const findPhrase = phraseFinder(options.phrases ?? DEFAULT_REFUSAL_PHRASES);
  const window = options.searchFirstCharacters ?? 200;
  return {
    name: 'refusal',
    check(completion) {
      const choice = completion.choices[0];
      const refusal = choice?.message.refusal;
      if (typeof refusal === 'string' && refusal.trim() !== '')
        return { ok: false, reason: 'the model refused' };
      if (choice?.finish_reason === 'content_filter') {
        return { ok: false, reason: 'the answer was stopped by a content filter' };
      }
      const found = findPhrase(answerText(completion).slice(0, window));
      return found === undefined
        ? { ok: true }
        : { ok: false, reason: `the answer is a refusal ("${found}")` };
    },
  };
}
