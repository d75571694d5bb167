import type { Tier } from '../spec/target.js';

/** Characters searched from the start of the text. */
export const TIER_TAG_HEAD_CHARS = 2000;
/** Characters searched at the end of a longer text. */
export const TIER_TAG_TAIL_CHARS = 500;

/** The recognised tags (without brackets, lower case) and the tier each asks for. */
export const tierTags: ReadonlyArray<readonly [tag: string, tier: Tier]> = [
  ['cloud', 3],
  ['tier3', 3],
  ['heavy', 3],
  ['tier2', 2],
  ['tier1', 1],
  ['local', 1],
];

// Every tag is five characters between brackets.
const TAG_LENGTH = 7;
const CLOSING_BRACKET = 93;

/** Tier of the tag starting at `start` (an opening bracket), if it is one. */
function tagAt(text: string, start: number): Tier | undefined {
  if (text.charCodeAt(start + TAG_LENGTH - 1) !== CLOSING_BRACKET) return undefined;
  for (const [tag, tier] of tierTags) {
    let position = 0;
    while (position < 5) {
      const code = text.charCodeAt(start + 1 + position);
      const lower = code >= 65 && code <= 90 ? code + 32 : code;
      if (lower !== tag.charCodeAt(position)) break;
      position++;
    }
    if (position === 5) return tier;
  }
  return undefined;
}

function firstTagIn(window: string): Tier | undefined {
  let start = window.indexOf('[');
  while (start !== -1) {
    const tier = tagAt(window, start);
    if (tier !== undefined) return tier;
    start = window.indexOf('[', start + 1);
  }
  return undefined;
}

/**
 * Finds a tier tag typed in a prompt — `[cloud]`, `[tier3]`, `[heavy]` (tier 3), `[tier2]`
 * (tier 2), `[tier1]`, `[local]` (tier 1), any letter case — and returns the tier of the first
 * one. Only the first 2,000 and the last 500 characters are searched, so the cost stays bounded.
 *
 * @example
 * ```ts
 * findTierTag('[heavy] Review this proof for gaps.'); // 3
 * findTierTag('Reformat this list [tier1]'); // 1
 * findTierTag('No tag here [sic]'); // undefined
 * ```
 */
export function findTierTag(text: string): Tier | undefined {
  if (text.length <= TIER_TAG_HEAD_CHARS + TIER_TAG_TAIL_CHARS) return firstTagIn(text);
  return (
    firstTagIn(text.slice(0, TIER_TAG_HEAD_CHARS)) ??
    firstTagIn(text.slice(text.length - TIER_TAG_TAIL_CHARS))
  );
}
