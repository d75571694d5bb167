import type { ChatRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { toGenerationOptions } from './to-generation-options.js';

const base: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
const defaults = { defaultTemperature: 0.8 };

describe('toGenerationOptions', () => {
  it('uses llama-server sampling defaults and no penalty for a bare request', () => {
    expect(toGenerationOptions(base, defaults)).toEqual({
      maxTokens: undefined,
      temperature: 0.8,
      topK: 40,
      topP: 0.95,
      minP: 0.05,
      seed: undefined,
      stopStrings: [],
      repeatPenalty: false,
      warnings: [],
    });
  });

  it.each([
    { name: 'max_tokens', request: { max_tokens: 7 }, expected: { maxTokens: 7 } },
    {
      name: 'max_completion_tokens wins over max_tokens',
      request: { max_tokens: 7, max_completion_tokens: 3 },
      expected: { maxTokens: 3 },
    },
    { name: 'temperature 0', request: { temperature: 0 }, expected: { temperature: 0 } },
    { name: 'top_p and seed', request: { top_p: 0.5, seed: 42 }, expected: { topP: 0.5, seed: 42 } },
    { name: 'a stop string', request: { stop: 'END' }, expected: { stopStrings: ['END'] } },
    {
      name: 'stop strings, empty ones dropped',
      request: { stop: ['a', '', 'b'] },
      expected: { stopStrings: ['a', 'b'] },
    },
    {
      name: 'presence and frequency penalties',
      request: { presence_penalty: 0.5, frequency_penalty: 0.25 },
      expected: { repeatPenalty: { penalty: 1, presencePenalty: 0.5, frequencyPenalty: 0.25 } },
    },
    {
      name: 'llama.cpp extras top_k, min_p, repeat_penalty',
      request: { top_k: 5, min_p: 0.1, repeat_penalty: 1.1 },
      expected: {
        topK: 5,
        minP: 0.1,
        repeatPenalty: { penalty: 1.1, presencePenalty: 0, frequencyPenalty: 0 },
      },
    },
    {
      name: 'tools with tool_choice none are dropped with a warning',
      request: { tools: [{ type: 'function', function: { name: 'f' } }], tool_choice: 'none' },
      expected: {
        warnings: ["tools were dropped: tool_choice is 'none' and the embedded backend has no tool calling"],
      },
    },
    {
      name: 'an unknown field is ignored with a warning',
      request: { mirostat: 2 },
      expected: { warnings: ["ignored field 'mirostat': not supported by the embedded backend"] },
    },
  ])('reads $name', ({ request, expected }) => {
    expect(toGenerationOptions({ ...base, ...request } as ChatRequest, defaults)).toMatchObject(expected);
  });

  it.each([
    { name: 'n = 3', request: { n: 3 }, code: 'unsupported', message: 'n=3' },
    { name: 'logprobs', request: { logprobs: true }, code: 'unsupported', message: 'logprobs' },
    {
      name: 'tools',
      request: { tools: [{ type: 'function', function: { name: 'f' } }] },
      code: 'unsupported',
      message: 'tools are not supported',
    },
    { name: 'a negative top_k', request: { top_k: -1 }, code: 'invalid-request', message: 'top_k' },
    {
      name: 'a fractional top_k',
      request: { top_k: 1.5 },
      code: 'invalid-request',
      message: 'top_k must be a non-negative integer',
    },
    { name: 'a text min_p', request: { min_p: 'high' }, code: 'invalid-request', message: 'min_p' },
  ])('refuses $name', ({ request, code, message }) => {
    const call = () => toGenerationOptions({ ...base, ...request } as ChatRequest, defaults);
    expect(call).toThrow(expect.objectContaining({ code }));
    expect(call).toThrow(message);
  });
});
