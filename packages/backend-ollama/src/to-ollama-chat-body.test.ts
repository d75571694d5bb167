import { BackendCallError, type ChatRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import type { OllamaSettings } from './ollama-settings.js';
import { toOllamaChatBody } from './to-ollama-chat-body.js';

const pixel =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

function convert(request: Partial<ChatRequest>, settings: OllamaSettings = {}, stream = false) {
  const warnings: string[] = [];
  const full = {
    model: 'local/llama',
    messages: [{ role: 'user', content: 'Hi' }],
    ...request,
  } as ChatRequest;
  const body = toOllamaChatBody(full, {
    model: 'llama3.1:8b',
    stream,
    backend: 'ollama',
    settings,
    warnings,
  });
  return { body, warnings };
}

function conversionError(request: Partial<ChatRequest>): BackendCallError {
  try {
    convert(request);
  } catch (error) {
    if (BackendCallError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a BackendCallError');
}

describe('toOllamaChatBody: messages', () => {
  it('sends plain string content, joins text parts and maps developer to system', () => {
    const { body, warnings } = convert({
      messages: [
        { role: 'developer', content: [{ type: 'text', text: 'Be brief.' }] },
        { role: 'system', content: 'Answer in English.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Line one' },
            { type: 'text', text: 'Line two' },
          ],
        },
        { role: 'assistant', content: [{ type: 'text', text: 'Sure.' }] },
        { role: 'assistant', content: null },
      ],
    });
    expect(body.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'system', content: 'Answer in English.' },
      { role: 'user', content: 'Line one\nLine two' },
      { role: 'assistant', content: 'Sure.' },
      { role: 'assistant', content: '' },
    ]);
    expect(warnings).toEqual([]);
  });

  it('turns image data URLs into bare base64 images', () => {
    const { body } = convert({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${pixel}`, detail: 'low' } },
          ],
        },
      ],
    });
    expect(body.messages).toEqual([{ role: 'user', content: 'What is this?', images: [pixel] }]);
  });

  it('refuses a remote image URL as unsupported, naming the part, before any request', () => {
    const error = conversionError({
      messages: [
        { role: 'user', content: 'first' },
        { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }] },
      ],
    });
    expect(error).toMatchObject({
      code: 'unsupported',
      phase: 'connect',
      backend: 'ollama',
      isRetryable: false,
    });
    expect(error.message).toMatch(
      /^messages\[1\]\.content\[0\]: Ollama accepts images only as base64 data URLs/,
    );
  });

  it.each([
    ['a data URL that is not base64', 'data:image/svg+xml,%3Csvg%3E'],
    ['a data URL that is not an image', 'data:text/plain;base64,aGk='],
    ['a malformed URL', 'not a url'],
  ])('rejects %s as invalid-request', (_name, url) => {
    const error = conversionError({
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url } }] }],
    });
    expect(error).toMatchObject({
      code: 'invalid-request',
      message: 'messages[0].content[0]: image_url must be a base64 image data URL',
    });
  });

  it('refuses audio and file parts as unsupported', () => {
    const error = conversionError({
      messages: [
        { role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }] },
      ],
    });
    expect(error).toMatchObject({
      code: 'unsupported',
      message: "messages[0].content[0]: Ollama's chat API takes no audio input",
    });
  });

  it('sends assistant tool calls with object arguments and names tool results after their call', () => {
    const { body, warnings } = convert({
      messages: [
        { role: 'user', content: 'Weather and time in Oslo?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
            },
            { id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_2', content: '14:05' },
        { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: '12°C, rain' }] },
      ],
    });
    expect(body.messages).toEqual([
      { role: 'user', content: 'Weather and time in Oslo?' },
      {
        role: 'assistant',
        content: '',
        tool_calls: [
          { id: 'call_1', function: { index: 0, name: 'get_weather', arguments: { city: 'Oslo' } } },
          { id: 'call_2', function: { index: 1, name: 'get_time', arguments: {} } },
        ],
      },
      { role: 'tool', content: '14:05', tool_call_id: 'call_2', tool_name: 'get_time' },
      { role: 'tool', content: '12°C, rain', tool_call_id: 'call_1', tool_name: 'get_weather' },
    ]);
    expect(warnings).toEqual([]);
  });

  it('warns about a tool result whose call id is unknown and sends it without tool_name', () => {
    const { body, warnings } = convert({
      messages: [{ role: 'tool', tool_call_id: 'call_x', content: 'ok' }],
    });
    expect(body.messages).toEqual([{ role: 'tool', content: 'ok', tool_call_id: 'call_x' }]);
    expect(warnings).toEqual([
      "messages[0]: no earlier assistant tool call has id 'call_x'; sent without tool_name",
    ]);
  });

  it.each([
    ['not JSON', '{city:', 'messages[0].tool_calls[0].function.arguments is not valid JSON'],
    ['not an object', '["Oslo"]', 'messages[0].tool_calls[0].function.arguments must be a JSON object'],
  ])('rejects tool-call arguments that are %s', (_name, text, message) => {
    const error = conversionError({
      messages: [
        {
          role: 'assistant',
          tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: text } }],
        },
      ],
    });
    expect(error).toMatchObject({ code: 'invalid-request', message });
  });
});

describe('toOllamaChatBody: options and fields', () => {
  it('puts sampling into options, explicit even at defaults, and never sends switchyard', () => {
    const { body, warnings } = convert({
      max_tokens: 50,
      max_completion_tokens: 64,
      temperature: 1,
      top_p: 1,
      seed: 7,
      stop: 'END',
      presence_penalty: 0.5,
      frequency_penalty: 0.25,
      switchyard: { privacy: 'local-only' },
    });
    expect(body).toEqual({
      model: 'llama3.1:8b',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: false,
      options: {
        num_predict: 64,
        temperature: 1,
        top_p: 1,
        seed: 7,
        stop: ['END'],
        presence_penalty: 0.5,
        frequency_penalty: 0.25,
      },
    });
    expect(warnings).toEqual([]);
  });

  it('adds num_ctx, keep_alive, truncate and default options from the settings; request values win', () => {
    const request = {
      temperature: 0.2,
      top_k: 20,
      options: { num_ctx: 2048, min_p: 0.1 },
    } as Partial<ChatRequest>;
    const { body } = convert(request, {
      numCtx: { 'llama3.1:8b': 16384 },
      keepAlive: '30m',
      truncate: false,
      options: { num_gpu: 99, top_k: 40 },
    });
    expect(body).toMatchObject({
      keep_alive: '30m',
      truncate: false,
      options: { num_gpu: 99, num_ctx: 2048, min_p: 0.1, top_k: 20, temperature: 0.2 },
    });
    expect(convert({}, { numCtx: { 'llama3.1:8b': 16384 } }).body.options).toEqual({ num_ctx: 16384 });
    expect(convert({}, { numCtx: 8192 }, true).body).toMatchObject({
      stream: true,
      options: { num_ctx: 8192 },
    });
    expect(convert({}, { numCtx: { 'other:7b': 4096 } }).body).not.toHaveProperty('options');
  });

  it.each<[string, Partial<ChatRequest>, unknown]>([
    ['json_object → "json"', { response_format: { type: 'json_object' } }, 'json'],
    [
      'json_schema → the schema itself',
      {
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'a', strict: true, schema: { type: 'object' } },
        },
      },
      { type: 'object' },
    ],
  ])('maps structured output: %s', (_name, request, format) => {
    expect(convert(request).body.format).toEqual(format);
  });

  it('sends a json_schema without schema as "json", with a warning; text sends no format', () => {
    const { body, warnings } = convert({
      response_format: { type: 'json_schema', json_schema: { name: 'answer' } },
    });
    expect(body.format).toBe('json');
    expect(warnings).toEqual(['response_format \'answer\' has no schema: sent as format "json"']);
    expect(convert({ response_format: { type: 'text' } }).body).not.toHaveProperty('format');
  });

  const tools: ChatRequest['tools'] = [
    {
      type: 'function',
      function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object' }, strict: true },
    },
    { type: 'function', function: { name: 'get_time' } },
  ];

  it('sends tools in the OpenAI shape Ollama accepts (no strict), with default parameters', () => {
    expect(convert({ tools }).body.tools).toEqual([
      {
        type: 'function',
        function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object' } },
      },
      { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } },
    ]);
  });

  it.each<[string, ChatRequest['tool_choice'], string[], number]>([
    ['auto keeps every tool', 'auto', [], 2],
    ['none sends no tools', 'none', [], 0],
    [
      'required keeps the tools and warns',
      'required',
      ["tool_choice 'required' is not enforced: Ollama has no tool_choice, the model may answer in text"],
      2,
    ],
    [
      'a named function sends only that tool and warns',
      { type: 'function', function: { name: 'get_time' } },
      ["tool_choice 'get_time' is not enforced: Ollama has no tool_choice; only that tool was sent"],
      1,
    ],
  ])('emulates tool_choice: %s', (_name, toolChoice, expectedWarnings, count) => {
    const { body, warnings } = convert({ tools, tool_choice: toolChoice });
    expect((body.tools as unknown[] | undefined)?.length ?? 0).toBe(count);
    expect(warnings).toEqual(expectedWarnings);
  });

  it('maps reasoning_effort to think the way Ollama /v1 does, and passes think through', () => {
    expect(convert({ reasoning_effort: 'high' } as Partial<ChatRequest>).body.think).toBe('high');
    expect(convert({ reasoning_effort: 'none' } as Partial<ChatRequest>).body.think).toBe(false);
    expect(convert({ think: true } as Partial<ChatRequest>).body.think).toBe(true);
  });

  it('warns for each field Ollama cannot honour', () => {
    const { body, warnings } = convert({
      n: 2,
      logprobs: true,
      parallel_tool_calls: false,
      logit_bias: { '50256': -100 },
      best_of: 3,
    } as Partial<ChatRequest>);
    expect(warnings).toEqual([
      'n=2 dropped: Ollama returns one choice',
      'logprobs dropped: this adapter does not return log probabilities from Ollama',
      'parallel_tool_calls=false is not enforced: Ollama has no such setting',
      'logit_bias dropped: Ollama has no logit bias',
      "best_of ignored: Ollama's chat API has no such field",
    ]);
    expect(Object.keys(body).sort()).toEqual(['messages', 'model', 'stream']);
  });
});
