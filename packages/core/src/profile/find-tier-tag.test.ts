import { describe, expect, test } from 'vitest';
import { findTierTag, TIER_TAG_HEAD_CHARS, TIER_TAG_TAIL_CHARS } from './find-tier-tag.js';

const filler = (length: number) =>
  'lorem ipsum [x] dolor sit amet, '.repeat(Math.ceil(length / 32)).slice(0, length);

describe('findTierTag', () => {
  test.each([
    ['[cloud] at the start', '[cloud] Compare these two contracts clause by clause.', 3],
    ['[tier3]', 'Refactor the scheduler [tier3]', 3],
    ['[heavy]', 'Prove the lemma below. [heavy]', 3],
    ['[tier2]', '[tier2] summarize the call notes', 2],
    ['[tier1]', 'fix the typo [tier1]', 1],
    ['[local]', '[local] what does this error mean?', 1],
    ['upper case', '[CLOUD] review', 3],
    ['mixed case', 'please [Tier2] do it', 2],
    ['the first tag wins', '[local] then [cloud]', 1],
    [
      'markdown links and citations are not tags',
      'See [docs](https://x.y) and [1], [sic], [tier4], [clouds]',
      undefined,
    ],
    ['an unclosed tag', 'this is [cloud and more', undefined],
    ['no brackets at all', 'Summarize the meeting.', undefined],
    ['empty text', '', undefined],
    ['a tag at the very end', `${filler(3000)}[tier2]`, 2],
  ])('%s → %s', (_name, text, expected) => {
    expect(findTierTag(text)).toBe(expected);
  });

  test('only the head and the tail of a long text are searched', () => {
    const middle = `${filler(TIER_TAG_HEAD_CHARS + 100)}[cloud]${filler(TIER_TAG_TAIL_CHARS + 100)}`;
    expect(findTierTag(middle)).toBeUndefined();
    const inHead = `${filler(TIER_TAG_HEAD_CHARS - 20)}[cloud]${filler(5000)}`;
    expect(findTierTag(inHead)).toBe(3);
    const inTail = `${filler(5000)}[tier1]${filler(TIER_TAG_TAIL_CHARS - 20)}`;
    expect(findTierTag(inTail)).toBe(1);
  });
});
