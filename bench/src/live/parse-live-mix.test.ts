import { describe, expect, it } from 'vitest';
import { defaultLiveMix, parseLiveMix } from './parse-live-mix.js';

describe('parseLiveMix', () => {
  it.each([
    ['plain,tools,structured', { 'plain-chat': 1, 'tool-call': 1, 'structured-output': 1 }],
    [defaultLiveMix, { 'plain-chat': 2, 'tool-call': 1, 'structured-output': 1 }],
    [' plain = 3 , long-context=0.5 ', { 'plain-chat': 3, 'long-context': 0.5 }],
    ['plain,plain-chat=2', { 'plain-chat': 3 }],
    ['chat,chains,image', { 'multi-turn-chat': 1, 'tool-chain': 1, image: 1 }],
  ])('%s', (text, expected) => {
    expect(parseLiveMix(text)).toEqual(expected);
  });

  it.each([
    ['', /no kinds given/],
    ['plain,video', /unknown kind 'video'; accepted: plain, plain-chat/],
    ['plain=0', /'plain=0' needs a positive weight/],
    ['plain=x', /needs a positive weight/],
    ['plain=1=2', /needs a positive weight/],
    ['toString', /unknown kind 'toString'/],
  ])('rejects %j', (text, message) => {
    expect(() => parseLiveMix(text)).toThrow(message);
  });
});
