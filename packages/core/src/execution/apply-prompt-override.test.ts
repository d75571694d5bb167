import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../request/chat-request-schema.js';
import { applyPromptOverride } from './apply-prompt-override.js';

const user: ChatMessage = { role: 'user', content: 'Classify: great product!' };
const system: ChatMessage = { role: 'system', content: 'You classify reviews.' };
const developer: ChatMessage = { role: 'developer', content: [{ type: 'text', text: 'Be brief.' }] };
const override = 'Respond with ONLY one word.';

describe('applyPromptOverride', () => {
  it.each([
    {
      name: 'prepend merges before the leading system message',
      messages: [system, user],
      mode: 'prepend' as const,
      expected: [{ role: 'system', content: `${override}\n\nYou classify reviews.` }, user],
    },
    {
      name: 'append merges after it',
      messages: [system, user],
      mode: 'append' as const,
      expected: [{ role: 'system', content: `You classify reviews.\n\n${override}` }, user],
    },
    {
      name: 'append merges text parts of a developer message',
      messages: [developer, user],
      mode: 'append' as const,
      expected: [{ role: 'developer', content: `Be brief.\n\n${override}` }, user],
    },
    {
      name: 'replace drops every system and developer message',
      messages: [system, user, developer],
      mode: 'replace' as const,
      expected: [{ role: 'system', content: override }, user],
    },
    {
      name: 'no system message: the override comes first',
      messages: [user],
      mode: undefined,
      expected: [{ role: 'system', content: override }, user],
    },
  ])('$name', ({ messages, mode, expected }) => {
    const before = structuredClone(messages);
    expect(
      applyPromptOverride(messages, { system: override, ...(mode === undefined ? {} : { mode }) }),
    ).toEqual(expected);
    expect(messages).toEqual(before);
  });
});
