import type { ToolCall, Usage } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { type AssistantAnswer, assistantCompletion } from './assistant-completion.js';

const usage: Usage = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 };
const call: ToolCall = { id: 'call_0', type: 'function', function: { name: 'weather', arguments: '{}' } };
const base = { id: 'answer-1', created: 1788256800, model: 'm', finishReason: 'stop', usage } as const;

describe('assistantCompletion', () => {
  it.each<[string, Partial<AssistantAnswer>, Record<string, unknown>]>([
    ['plain text', { content: 'Hi!' }, { role: 'assistant', content: 'Hi!' }],
    ['an empty answer', { content: '' }, { role: 'assistant', content: '' }],
    [
      'only tool calls (content null)',
      { content: '', toolCalls: [call], finishReason: 'tool_calls' },
      { role: 'assistant', content: null, tool_calls: [call] },
    ],
    [
      'text beside tool calls',
      { content: 'Checking.', toolCalls: [call] },
      { role: 'assistant', content: 'Checking.', tool_calls: [call] },
    ],
    [
      'reasoning',
      { content: '42', reasoning: 'six times seven' },
      { role: 'assistant', content: '42', reasoning: 'six times seven' },
    ],
  ])('%s', (_, answer, message) => {
    const completion = assistantCompletion({ ...base, content: '', ...answer });
    expect(completion).toEqual({
      id: 'answer-1',
      object: 'chat.completion',
      created: 1788256800,
      model: 'm',
      choices: [{ index: 0, message, finish_reason: answer.finishReason ?? 'stop' }],
      usage,
    });
  });
});
