import { describe, expect, it } from 'vitest';
import { joinMessageText } from './join-message-text.js';

describe('joinMessageText', () => {
  it.each<[Parameters<typeof joinMessageText>[0], string]>([
    ['plain', 'plain'],
    [[], ''],
    [[{ text: 'Be brief.' }, { text: 'Answer in French.' }], 'Be brief.\nAnswer in French.'],
    [[{ text: 'Sure:' }, { refusal: 'I cannot help with that.' }], 'Sure:\nI cannot help with that.'],
  ])('%j → %j', (content, expected) => {
    expect(joinMessageText(content)).toBe(expected);
  });
});
