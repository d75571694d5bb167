import { BackendCallError, type ChatRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import type { AnthropicSettings } from './anthropic-settings.js';
import { toAnthropicRequestBody } from './to-anthropic-request-body.js';

const pixel =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

function convert(request: Partial<ChatRequest>, settings: AnthropicSettings = {}, stream = false) {
  const warnings: string[] = [];
  const full = {
    model: 'cloud/claude',
    messages: [{ role: 'user', content: 'Hi' }],
    ...request,
  } as ChatRequest;
  const result = toAnthropicRequestBody(full, {
    model: 'claude-sonnet-5',
    stream,
    backend: 'anthropic',
    settings,
    warnings,
  });
  return { ...result, warnings };
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

const schema = {
  type: 'object',
  properties: { ok: { type: 'boolean' }, n: { type: 'integer' } },
  required: ['ok', 'n'],
  additionalProperties: false,
};

const tools: ChatRequest['tools'] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Weather now',
      parameters: { type: 'object' },
      strict: true,
    },
  },
  { type: 'function', function: { name: 'get_time' } },
];

describe('toAnthropicRequestBody: messages', () => {
  it('moves system and developer messages to the top-level system, warning when one sits mid-conversation', () => {
    const { body, warnings } = convert({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: [{ type: 'text', text: 'Use metric units.' }] },
        { role: 'user', content: 'Hi' },
        { role: 'system', content: 'Answer in English.' },
      ],
    });
    expect(body.system).toBe('Be brief.\n\nUse metric units.\n\nAnswer in English.');
    expect(body.messages).toEqual([{ role: 'user', content: 'Hi' }]);
    expect(warnings).toEqual([
      'messages[3]: a system message inside the conversation was moved to the top-level system prompt',
    ]);
  });

  it('turns image parts into base64 or url image blocks and PDFs into document blocks', () => {
    const { body } = convert({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare these.' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${pixel}` } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg', detail: 'high' } },
            { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0xLjQ=' } },
          ],
        },
      ],
    });
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare these.' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: pixel } },
          { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
          {
            type: 'document',
            source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0xLjQ=' },
          },
        ],
      },
    ]);
  });

  it.each<[string, Partial<ChatRequest>, string, string]>([
    [
      'a malformed image URL',
      {
        messages: [
          { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png,abc' } }] },
        ],
      },
      'invalid-request',
      'messages[0].content[0]: image_url must be an http(s) URL or a base64 image data URL',
    ],
    [
      'audio',
      {
        messages: [
          { role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }] },
        ],
      },
      'unsupported',
      'messages[0].content[0]: the Anthropic Messages API takes no audio input',
    ],
    [
      'an OpenAI file id',
      { messages: [{ role: 'user', content: [{ type: 'file', file: { file_id: 'file-abc' } }] }] },
      'unsupported',
      'messages[0].content[0]: only PDF files given as base64 data URLs (file_data) can be sent to Anthropic',
    ],
    [
      'tool-call arguments that are not JSON',
      {
        messages: [
          {
            role: 'assistant',
            tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{' } }],
          },
        ],
      },
      'invalid-request',
      'messages[0].tool_calls[0].function.arguments is not valid JSON',
    ],
  ])('refuses %s before any request', (_name, request, code, message) => {
    expect(conversionError(request)).toMatchObject({ code, message, phase: 'connect', backend: 'anthropic' });
  });

  it('maps tool calls to tool_use blocks and consecutive tool results to one user message', () => {
    const { body, warnings } = convert({
      messages: [
        { role: 'user', content: 'Weather and time in Oslo?' },
        {
          role: 'assistant',
          content: 'Checking both.',
          tool_calls: [
            {
              id: 'toolu_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
            },
            { id: 'toolu_2', type: 'function', function: { name: 'get_time', arguments: '' } },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_1', content: '12°C, rain' },
        { role: 'tool', tool_call_id: 'toolu_2', content: [{ type: 'text', text: '14:05' }] },
        { role: 'user', content: 'Thanks. And tomorrow?' },
        { role: 'assistant', content: '' },
      ],
    });
    expect(body.messages).toEqual([
      { role: 'user', content: 'Weather and time in Oslo?' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking both.' },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Oslo' } },
          { type: 'tool_use', id: 'toolu_2', name: 'get_time', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: '12°C, rain' },
          { type: 'tool_result', tool_use_id: 'toolu_2', content: '14:05' },
        ],
      },
      { role: 'user', content: 'Thanks. And tomorrow?' },
    ]);
    expect(warnings).toEqual([
      'messages[5]: an empty assistant message was dropped (Anthropic rejects empty content)',
    ]);
  });
});

describe('toAnthropicRequestBody: fields', () => {
  it('always sets max_tokens: max_completion_tokens, then max_tokens, then the default', () => {
    expect(convert({ max_tokens: 100, max_completion_tokens: 200 }).body.max_tokens).toBe(200);
    expect(convert({ max_tokens: 100 }).body.max_tokens).toBe(100);
    expect(convert({}).body.max_tokens).toBe(4096);
    expect(convert({}, { defaultMaxTokens: 1024 }).body.max_tokens).toBe(1024);
  });

  it('maps sampling, stop, user and extensions, never sends switchyard, and streams on request', () => {
    const { body, warnings } = convert(
      {
        top_p: 0.9,
        stop: 'END',
        user: 'user-42',
        top_k: 40,
        thinking: { type: 'enabled', budget_tokens: 2048 },
        stream_options: { include_usage: true },
        switchyard: { privacy: 'any' },
      } as Partial<ChatRequest>,
      {},
      true,
    );
    expect(body).toEqual({
      model: 'claude-sonnet-5',
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 4096,
      stream: true,
      top_p: 0.9,
      top_k: 40,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      stop_sequences: ['END'],
      metadata: { user_id: 'user-42' },
    });
    expect(warnings).toEqual([]);
  });

  it('sends temperature alone when top_p is set too (current models refuse both)', () => {
    const { body, warnings } = convert({ temperature: 0.3, top_p: 0.9 });
    expect(body).toMatchObject({ temperature: 0.3 });
    expect(body).not.toHaveProperty('top_p');
    expect(warnings).toEqual(['top_p dropped: Anthropic models take temperature or top_p, not both']);
  });

  it('clamps temperature to 1 and drops fields Anthropic lacks, with a warning each', () => {
    const { body, warnings } = convert({
      temperature: 1.6,
      seed: 3,
      n: 2,
      logprobs: true,
      presence_penalty: 0.5,
      frequency_penalty: 0.5,
      logit_bias: { '1': 2 },
    } as Partial<ChatRequest>);
    expect(body.temperature).toBe(1);
    expect(body).not.toHaveProperty('seed');
    expect(warnings).toEqual([
      'temperature 1.6 clamped to 1 (Anthropic accepts 0–1)',
      'seed dropped: the Anthropic Messages API has no equivalent',
      'n dropped: the Anthropic Messages API has no equivalent',
      'logprobs dropped: the Anthropic Messages API has no equivalent',
      'presence_penalty dropped: the Anthropic Messages API has no equivalent',
      'frequency_penalty dropped: the Anthropic Messages API has no equivalent',
      'logit_bias dropped: the Anthropic Messages API has no equivalent',
    ]);
    expect(convert({ n: 1, logprobs: false }).warnings).toEqual([]);
  });

  it('maps tools to name/description/input_schema, keeping strict', () => {
    expect(convert({ tools }).body.tools).toEqual([
      { name: 'get_weather', description: 'Weather now', input_schema: { type: 'object' }, strict: true },
      { name: 'get_time', input_schema: { type: 'object', properties: {} } },
    ]);
  });

  it.each<[string, Partial<ChatRequest>, unknown]>([
    ['no tool_choice → none sent', {}, undefined],
    ['auto', { tool_choice: 'auto' }, undefined],
    ['none', { tool_choice: 'none' }, { type: 'none' }],
    ['required → any', { tool_choice: 'required' }, { type: 'any' }],
    [
      'named → tool',
      { tool_choice: { type: 'function', function: { name: 'get_time' } } },
      { type: 'tool', name: 'get_time' },
    ],
    [
      'parallel_tool_calls false',
      { parallel_tool_calls: false },
      { type: 'auto', disable_parallel_tool_use: true },
    ],
    [
      'required without parallel calls',
      { tool_choice: 'required', parallel_tool_calls: false },
      { type: 'any', disable_parallel_tool_use: true },
    ],
  ])('maps tool_choice: %s', (_name, request, toolChoice) => {
    expect(convert({ tools, ...request }).body.tool_choice).toEqual(toolChoice);
  });
});

describe('toAnthropicRequestBody: structured output', () => {
  const jsonSchema: Partial<ChatRequest> = {
    response_format: { type: 'json_schema', json_schema: { name: 'answer', strict: true, schema } },
  };

  it('sends json_schema as output_config.format by default', () => {
    const { body, outputTool, warnings } = convert(jsonSchema);
    expect(body.output_config).toEqual({ format: { type: 'json_schema', schema } });
    expect(body).not.toHaveProperty('tools');
    expect(outputTool).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('sends json_schema as one forced tool in tool mode', () => {
    const { body, outputTool } = convert(jsonSchema, { structuredOutput: 'tool' });
    expect(body.tools).toEqual([
      { name: 'answer', description: 'Give your answer as the input of this tool.', input_schema: schema },
    ]);
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'answer' });
    expect(body).not.toHaveProperty('output_config');
    expect(outputTool).toBe('answer');
  });

  it('sends json_object as a forced tool taking any object', () => {
    const { body, outputTool } = convert({ response_format: { type: 'json_object' } });
    expect(body.tools).toEqual([
      {
        name: 'json_object',
        description: 'Give your answer as the input of this tool.',
        input_schema: { type: 'object' },
      },
    ]);
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'json_object' });
    expect(outputTool).toBe('json_object');
  });

  it.each<[string, Partial<ChatRequest>, AnthropicSettings, RegExp, RegExp]>([
    [
      'json_object with the request’s own tools',
      { response_format: { type: 'json_object' }, tools },
      {},
      /^Respond with one JSON object and nothing else/,
      /because the request has its own tools; the JSON is not enforced$/,
    ],
    [
      'tool mode with extended thinking',
      { ...jsonSchema, thinking: { type: 'enabled', budget_tokens: 1024 } } as Partial<ChatRequest>,
      { structuredOutput: 'tool' },
      /^Respond with one JSON value that matches this JSON Schema.*"required":\["ok","n"\]/,
      /extended thinking cannot be combined with a forced tool/,
    ],
    [
      'tool mode with an array schema',
      { response_format: { type: 'json_schema', json_schema: { name: 'list', schema: { type: 'array' } } } },
      { structuredOutput: 'tool' },
      /\{"type":"array"\}$/,
      /^response_format 'list' was sent as a system instruction because a tool input must be a JSON object/,
    ],
  ])('falls back to a system instruction for %s', (_name, request, settings, instruction, warning) => {
    const { body, outputTool, warnings } = convert(
      {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
        ],
        ...request,
      },
      settings,
    );
    expect(outputTool).toBeUndefined();
    expect(String(body.system).startsWith('Be brief.\n\n')).toBe(true);
    expect(String(body.system).slice('Be brief.\n\n'.length)).toMatch(instruction);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(warning);
  });
});
