import { getEncoding } from 'js-tiktoken';
import { describe, expect, test } from 'vitest';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import type { ChatRequest, ChatTool } from '../request/chat-request-schema.js';
import type { RequestProfile, TaskCategory } from '../spec/request-profile.js';
import { profileRequest } from './profile-request.js';

const cl100k = getEncoding('cl100k_base');
const countTokens = (text: string) => cl100k.encode(text).length;

const weatherTool: ChatTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city.',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
      required: ['city'],
    },
  },
};
const forecastTool: ChatTool = {
  type: 'function',
  function: {
    name: 'get_forecast',
    description: 'Daily forecast for the next days.',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1, maximum: 14 } },
      required: ['city', 'days'],
    },
  },
};

const toolChain: ChatRequest = {
  model: 'auto',
  messages: [
    { role: 'system', content: 'You are a travel assistant. Use the tools.' },
    { role: 'user', content: 'Should I pack an umbrella for Lisbon and Porto this week?' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: 'call_1',
          type: 'function',
          function: { name: 'get_forecast', arguments: '{"city":"Lisbon","days":7}' },
        },
      ],
    },
    { role: 'tool', tool_call_id: 'call_1', content: '{"rain_days":[2,5]}' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: 'call_2',
          type: 'function',
          function: { name: 'get_forecast', arguments: '{"city":"Porto","days":7}' },
        },
      ],
    },
    { role: 'tool', tool_call_id: 'call_2', content: '{"rain_days":[1,2,3]}' },
    { role: 'assistant', content: 'Yes: rain is expected in both cities.' },
    { role: 'user', content: 'And Madrid? [tier2]' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_3', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Madrid"}' } },
        {
          id: 'call_4',
          type: 'function',
          function: { name: 'get_forecast', arguments: '{"city":"Madrid","days":7}' },
        },
      ],
    },
    { role: 'tool', tool_call_id: 'call_3', content: '{"temp":31}' },
    { role: 'tool', tool_call_id: 'call_4', content: '{"rain_days":[]}' },
  ],
  tools: [weatherTool, forecastTool],
  stream: true,
  switchyard: { tags: ['travel', 'beta'], latencyBudgetMs: 4000 },
};

const visionRequest: ChatRequest = {
  model: 'auto',
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Extract the totals from these two receipts.' },
        { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'low' } },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
      ],
    },
  ],
  max_tokens: 300,
  switchyard: { privacy: 'local-only', tier: 'small' },
};

const invoiceSchemaRequest: ChatRequest = {
  model: 'auto',
  messages: [
    { role: 'user', content: 'Extract the invoice fields from: ACME Corp, invoice 42, total 99.50 EUR.' },
  ],
  response_format: {
    type: 'json_schema',
    json_schema: {
      name: 'invoice',
      strict: true,
      schema: {
        type: 'object',
        properties: {
          vendor: { type: 'string' },
          number: { type: 'string' },
          total: { type: 'object', properties: { amount: { type: 'number' }, currency: { type: 'string' } } },
          lines: { type: 'array', items: { type: 'object', properties: { text: { type: 'string' } } } },
        },
        required: ['vendor', 'number', 'total'],
        additionalProperties: false,
      },
    },
  },
  max_completion_tokens: 200,
  max_tokens: 999,
  switchyard: { tier: 3, maxCostUsd: 0.01 },
};

const jsonModeRequest: ChatRequest = {
  model: 'auto',
  messages: [
    { role: 'developer', content: 'Reply with a JSON object.' },
    { role: 'user', content: 'Classify this ticket: "my card was charged twice"' },
  ],
  response_format: { type: 'json_object' },
};

const plainChat: ChatRequest = {
  model: 'auto',
  messages: [{ role: 'user', content: 'hello there' }],
  stream: false,
};

describe('profileRequest', () => {
  test.each<[string, ChatRequest, Partial<RequestProfile>]>([
    [
      'multi-turn tool chain',
      toolChain,
      {
        toolCount: 2,
        toolChainDepth: 3,
        messageCount: 11,
        userTurns: 2,
        stream: true,
        tierTag: 2,
        requestedTier: undefined,
        privacy: 'any',
        imageCount: 0,
        tags: ['travel', 'beta'],
        latencyBudgetMs: 4000,
        maxCostUsd: undefined,
        maxOutputTokens: undefined,
        structuredOutput: { mode: 'none' },
      },
    ],
    [
      'vision request with a privacy hint',
      visionRequest,
      {
        imageCount: 2,
        privacy: 'local-only',
        requestedTier: 1,
        maxOutputTokens: 300,
        expectedOutputTokens: 300,
        taskCategory: 'extract',
        complexity: 'simple',
        toolCount: 0,
        toolSchemaTokens: 0,
        toolChainDepth: 0,
        tags: [],
      },
    ],
    [
      'strict json_schema',
      invoiceSchemaRequest,
      {
        // root, vendor, number, total (+ amount, currency), lines (+ items, + text)
        structuredOutput: { mode: 'json_schema', schemaSize: 9, strict: true },
        maxOutputTokens: 200,
        expectedOutputTokens: 200,
        requestedTier: 3,
        maxCostUsd: 0.01,
        taskCategory: 'extract',
      },
    ],
    [
      'JSON mode with a developer message',
      jsonModeRequest,
      {
        structuredOutput: { mode: 'json_object' },
        taskCategory: 'classify',
        complexity: 'simple',
        // classify expects 16 tokens; structured output never goes below 16
        expectedOutputTokens: 16,
        messageCount: 2,
        userTurns: 1,
      },
    ],
    [
      'small talk',
      plainChat,
      {
        taskCategory: 'chat',
        complexity: 'simple',
        expectedOutputTokens: 250,
        stream: false,
        tierTag: undefined,
      },
    ],
  ])('%s', (_name, request, expected) => {
    expect(profileRequest(request)).toMatchObject(expected);
  });

  test('images count a fixed cost: 85 tokens in low detail, 765 otherwise', () => {
    const textOnly = profileRequest({
      model: 'auto',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Extract the totals from these two receipts.' }] },
      ],
    });
    expect(profileRequest(visionRequest).promptTokens - textOnly.promptTokens).toBe(85 + 765);
  });

  test('prompt tokens are within ±15% of an exact count (messages + tool JSON + overhead)', () => {
    let exact = 3;
    for (const message of toolChain.messages) {
      exact += 4;
      if (typeof message.content === 'string') exact += countTokens(message.content);
      if (message.role === 'assistant') {
        for (const call of message.tool_calls ?? []) {
          exact += 8 + countTokens(call.function.name) + countTokens(call.function.arguments);
        }
      }
    }
    const exactTools = (toolChain.tools ?? []).reduce(
      (sum, tool) => sum + countTokens(JSON.stringify(tool)),
      0,
    );
    const profile = profileRequest(toolChain);
    expect(Math.abs(profile.toolSchemaTokens - exactTools) / exactTools).toBeLessThanOrEqual(0.15);
    expect(Math.abs(profile.promptTokens - (exact + exactTools)) / (exact + exactTools)).toBeLessThanOrEqual(
      0.15,
    );
  });

  test('an exact token counter replaces the estimator for text and tools', () => {
    const profile = profileRequest(toolChain, { tokenCounter: countTokens });
    const tools = (toolChain.tools ?? []).reduce((sum, tool) => sum + countTokens(JSON.stringify(tool)), 0);
    expect(profile.toolSchemaTokens).toBe(tools);

    const single = profileRequest(
      { model: 'auto', messages: [{ role: 'user', content: 'Summarize: the quick brown fox.' }] },
      { tokenCounter: countTokens },
    );
    expect(single.promptTokens).toBe(countTokens('Summarize: the quick brown fox.') + 4 + 3);

    const calls: string[] = [];
    profileRequest(plainChat, {
      tokenCounter: (text) => {
        calls.push(text);
        return 1;
      },
    });
    expect(calls).toEqual(['hello there']);
  });

  test('a counter returning a bad number is reported as a configuration error', () => {
    expect(() => profileRequest(plainChat, { tokenCounter: () => Number.NaN })).toThrow(InvalidConfigError);
    expect(() => profileRequest(plainChat, { tokenCounter: () => -1 })).toThrow(
      /profiler\.tokenCounter returned -1/,
    );
  });

  test('invalid options are named in the error', () => {
    expect(() => profileRequest(plainChat, { longDocumentTokens: 0 })).toThrow(
      /profiler\.longDocumentTokens/,
    );
    expect(() => profileRequest(plainChat, { expectedOutputTokens: { chat: -5 } })).toThrow(
      /profiler\.expectedOutputTokens\.chat: must be a non-negative number/,
    );
    const typo = { summarise: 100 } as unknown as Partial<Record<TaskCategory, number>>;
    expect(() => profileRequest(plainChat, { expectedOutputTokens: typo })).toThrow(
      /profiler\.expectedOutputTokens\.summarise: not a task category \(one of prove, architecture, analyze, code/,
    );
  });

  test.each<[string, ChatRequest, number]>([
    ['classify', { model: 'auto', messages: [{ role: 'user', content: 'Classify: "great product"' }] }, 16],
    ['summarize', { model: 'auto', messages: [{ role: 'user', content: 'Summarize our chat.' }] }, 300],
    [
      'code',
      { model: 'auto', messages: [{ role: 'user', content: 'Write a Python function to merge lists.' }] },
      800,
    ],
    ['unknown', { model: 'auto', messages: [{ role: 'user', content: 'Tell me about Lisbon.' }] }, 500],
    [
      'summarize with JSON output (× 0.6)',
      {
        model: 'auto',
        messages: [{ role: 'user', content: 'Summarize our chat.' }],
        response_format: { type: 'json_object' },
      },
      180,
    ],
  ])('expected output without a cap: %s → %d', (_name, request, expected) => {
    expect(profileRequest(request).expectedOutputTokens).toBe(expected);
  });

  test('translations expect about as many tokens as the input', () => {
    const paragraph = 'The committee reviewed the quarterly report and agreed on the next steps. '.repeat(30);
    const profile = profileRequest({
      model: 'auto',
      messages: [{ role: 'user', content: `Translate into French:\n\n${paragraph}` }],
    });
    expect(profile.taskCategory).toBe('translate');
    expect(profile.expectedOutputTokens).toBeGreaterThan(0.85 * countTokens(paragraph));
    expect(profile.expectedOutputTokens).toBeLessThan(1.2 * countTokens(paragraph));
  });

  test('per-category output estimates can be configured', () => {
    const request: ChatRequest = {
      model: 'auto',
      messages: [{ role: 'user', content: 'Summarize our chat.' }],
    };
    expect(profileRequest(request, { expectedOutputTokens: { summarize: 120 } }).expectedOutputTokens).toBe(
      120,
    );
  });

  test('long prompts become long-document (threshold configurable)', () => {
    const request: ChatRequest = {
      model: 'auto',
      messages: [{ role: 'user', content: `Summarize this:\n${'A clause of the contract. '.repeat(400)}` }],
    };
    expect(profileRequest(request).taskCategory).toBe('summarize');
    const profile = profileRequest(request, { longDocumentTokens: 1000 });
    expect(profile.taskCategory).toBe('long-document');
    expect(profile.complexity).toBe('complex');
  });

  test.each<[ChatRequest['switchyard'], 1 | 2 | 3 | undefined]>([
    [{ tier: 1 }, 1],
    [{ tier: 2 }, 2],
    [{ tier: 3 }, 3],
    [{ tier: 'small' }, 1],
    [{ tier: 'large' }, 2],
    [{ tier: 'cloud' }, 3],
    [{}, undefined],
    [undefined, undefined],
  ])('switchyard %j → requestedTier %s', (hints, tier) => {
    expect(profileRequest({ ...plainChat, switchyard: hints }).requestedTier).toBe(tier);
  });

  test('the tier tag is read from the last user message only', () => {
    const request: ChatRequest = {
      model: 'auto',
      messages: [
        { role: 'system', content: 'Tags like [cloud] may appear.' },
        { role: 'user', content: '[cloud] first question' },
        { role: 'assistant', content: 'answer' },
        { role: 'user', content: 'follow-up without a tag' },
      ],
    };
    expect(profileRequest(request).tierTag).toBeUndefined();
    expect(profileRequest({ ...request, messages: request.messages.slice(0, 2) }).tierTag).toBe(3);
  });

  test('tags default to an empty list and an empty conversation profiles cleanly', () => {
    const profile = profileRequest({ model: 'auto', messages: [] });
    expect(profile).toMatchObject({
      messageCount: 0,
      userTurns: 0,
      tags: [],
      taskCategory: 'unknown',
      promptTokens: 3,
      tierTag: undefined,
    });
  });
});
