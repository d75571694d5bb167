/**
 * Builds a matcher that returns the first of `phrases` found in a text, ignoring case and the
 * difference between straight and curly apostrophes.
 *
 * @example
 * const find = phraseFinder(["I don't know"]);
 * find('Honestly, I don’t know.'); // "I don't know"
 */
export function phraseFinder(phrases: readonly string[]): (text: string) => string | undefined {
  const normalized = phrases.map((phrase) => ({ phrase, needle: normalize(phrase) }));
  return (text) => {
    const haystack = normalize(text);
    return normalized.find(({ needle }) => haystack.includes(needle))?.phrase;
  };
}

function normalize(text: string): string {
  return text.toLowerCase().replaceAll('\u2019', "'");
}
