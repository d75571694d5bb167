import type { ChatMessage } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { toChatHistory } from './to-chat-history.js';

describe('toChatHistory', () => {
  it.each<{ name: string; messages: ChatMessage[]; history: unknown[] }>([
    { name: 'no messages', messages: [], history: [{ type: 'model', response: [] }] },
    {
      name: 'system, developer and user turns',
      messages: [
        { role: 'system', content: 'Be terse.' },
        {
          role: 'developer',
          content: [
            { type: 'text', text: 'A' },
            { type: 'text', text: 'B' },
          ],
        },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      ],
      history: [
        { type: 'system', text: 'Be terse.' },
        { type: 'system', text: 'A\nB' },
        { type: 'user', text: 'Hi' },
        { type: 'model', response: [] },
      ],
    },
    {
      name: 'an earlier assistant turn, with null content',
      messages: [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: null },
        { role: 'user', content: 'b' },
      ],
      history: [
        { type: 'user', text: 'a' },
        { type: 'model', response: [] },
        { type: 'user', text: 'b' },
        { type: 'model', response: [] },
      ],
    },
    {
      name: 'a last assistant turn, which is continued',
      messages: [
        { role: 'user', content: 'a' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Hello' },
            { type: 'refusal', refusal: 'no' },
          ],
        },
      ],
      history: [
        { type: 'user', text: 'a' },
        { type: 'model', response: ['Hello\nno'] },
      ],
    },
  ])('converts $name', ({ messages, history }) => {
    expect(toChatHistory(messages)).toEqual(history);
  });

  it.each<{ name: string; message: ChatMessage; error: string }>([
    {
      name: 'an image part',
      message: { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] },
      error: "messages[0].content[0] is a 'image_url' part; the embedded backend accepts text only",
    },
    {
      name: 'an audio part',
      message: { role: 'user', content: [{ type: 'input_audio', input_audio: { data: '', format: 'wav' } }] },
      error: "messages[0].content[0] is a 'input_audio' part",
    },
    {
      name: 'assistant tool calls',
      message: {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }],
      },
      error: 'messages[0] has tool_calls; the embedded backend does not support tool calling',
    },
    {
      name: 'a tool result',
      message: { role: 'tool', tool_call_id: 'c1', content: '42' },
      error: 'messages[0] is a tool result',
    },
  ])('refuses $name as unsupported', ({ message, error }) => {
    expect(() => toChatHistory([message])).toThrow(expect.objectContaining({ code: 'unsupported' }));
    expect(() => toChatHistory([message])).toThrow(error);
  });
});
