import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, postJson } from '../__fixtures__/chat-requests.js';
import type { Emulator } from '../emulator/emulator.js';
import { parseEventStream } from '../wire/parse-event-stream.js';
import { startOpenAIEmulator } from './start-openai-emulator.js';

const key = 'sk-test-0123456789abcdef';
const messages = [{ role: 'user', content: 'Say hello' }];
let openai: Emulator;

beforeAll(async () => {
  openai = await startOpenAIEmulator({ apiKey: key, models: [{ id: 'gpt-4o-mini', contextWindow: 100 }] });
});
afterAll(() => openai.close());

const chat = (
  body: Record<string, unknown>,
  headers: Record<string, string> = { authorization: `Bearer ${key}` },
) => postJson(`${openai.url}/v1/chat/completions`, { model: 'gpt-4o-mini', messages, ...body }, headers);

describe('OpenAI emulator', () => {
  it('answers a chat.completion with usage details, and records the auth header as sent', async () => {
    const response = await chat({});
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(await response.json()).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello from openai emulator.', refusal: null },
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 3,
        completion_tokens: 7,
        total_tokens: 10,
        prompt_tokens_details: { cached_tokens: 0 },
      },
    });
    expect(openai.requests.at(-1)?.headers.authorization).toBe(`Bearer ${key}`);
  });

  it('streams role chunk, content, finish chunk, then [DONE], with no usage unless include_usage', async () => {
    const { events } = parseEventStream(await (await chat({ stream: true })).text());
    expect(events.every((event) => event.event === undefined)).toBe(true);
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.data));
    expect(events.at(-1)?.data).toBe('[DONE]');
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks.at(-1).choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    expect(chunks.some((chunk) => 'usage' in chunk)).toBe(false);
  });

  it('with include_usage, chunks carry usage:null and a final choices:[] chunk carries usage', async () => {
    const { events } = parseEventStream(
      await (await chat({ stream: true, stream_options: { include_usage: true } })).text(),
    );
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.data));
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 7 } });
  });

  it.each([
    [undefined, "You didn't provide an API key", null],
    ['Bearer sk-wrong-key-123456', 'Incorrect API key provided: sk-************3456.', 'invalid_api_key'],
  ])('401 for auth header %s', async (authorization, message, code) => {
    const response = await chat({}, authorization === undefined ? {} : { authorization });
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body.error.message).toContain(message);
    expect(body.error).toMatchObject({ type: 'invalid_request_error', code });
  });

  it('404 model_not_found for an unknown model, 404 Invalid URL for an unknown route', async () => {
    const unknown = await chat({ model: 'gpt-9' });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('model_not_found');
    const route = await postJson(`${openai.url}/v1/nope`, {}, { authorization: `Bearer ${key}` });
    expect(await route.json()).toEqual({
      error: {
        message: 'Invalid URL (POST /v1/nope)',
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
  });

  it('400 context_length_exceeded when the prompt (or prompt + max tokens) exceeds the window', async () => {
    const long = await chat({ messages: [{ role: 'user', content: 'x'.repeat(404) }] });
    expect(long.status).toBe(400);
    expect((await long.json()).error).toMatchObject({
      code: 'context_length_exceeded',
      param: 'messages',
      message: expect.stringContaining(
        'maximum context length is 100 tokens. However, your messages resulted in 101 tokens',
      ),
    });
    const requested = await chat({
      messages: [{ role: 'user', content: 'x'.repeat(200) }],
      max_completion_tokens: 60,
    });
    expect((await requested.json()).error.message).toContain(
      'you requested 110 tokens (50 in the messages, 60 in the completion)',
    );
  });

  it.each([
    [
      'flat json_schema',
      { type: 'json_schema', schema: { type: 'object' } },
      "Missing required parameter: 'response_format.json_schema'.",
    ],
    [
      'json_schema without a name',
      { type: 'json_schema', json_schema: { schema: { type: 'object' } } },
      "Missing required parameter: 'response_format.json_schema.name'.",
    ],
    ['TGI shape', { type: 'json', value: { type: 'object' } }, "Invalid value: 'json'."],
    [
      'json_object without "json" in messages',
      { type: 'json_object' },
      "'messages' must contain the word 'json'",
    ],
    [
      'strict schema without additionalProperties:false',
      {
        type: 'json_schema',
        json_schema: {
          name: 'x',
          strict: true,
          schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
        },
      },
      "Invalid schema for response_format 'x': In context=(), 'additionalProperties' is required to be supplied and to be false.",
    ],
    [
      'strict schema with an optional property',
      {
        type: 'json_schema',
        json_schema: {
          name: 'x',
          strict: true,
          schema: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false },
        },
      },
      "Missing 'a'.",
    ],
  ])('rejects response_format: %s', async (_name, responseFormat, message) => {
    const response = await chat({ response_format: responseFormat });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain(message);
  });

  it('answers a strict json_schema with a conforming instance, and json_object with {}', async () => {
    const schema = {
      type: 'object',
      properties: { ok: { type: 'boolean' }, n: { type: 'integer', minimum: 3 } },
      required: ['ok', 'n'],
      additionalProperties: false,
    };
    const strict = await chat({
      response_format: { type: 'json_schema', json_schema: { name: 'r', strict: true, schema } },
    });
    expect(JSON.parse((await strict.json()).choices[0].message.content)).toEqual({ ok: false, n: 3 });
    const mode = await chat({
      messages: [{ role: 'user', content: 'reply in JSON' }],
      response_format: { type: 'json_object' },
    });
    expect((await mode.json()).choices[0].message.content).toBe('{}');
  });

  it('calls the named tool with schema-default arguments, as string JSON, streamed as fragments', async () => {
    const tools = [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      },
    ];
    const toolChoice = { type: 'function', function: { name: 'get_weather' } };
    const body = await (await chat({ tools, tool_choice: toolChoice })).json();
    expect(body.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        content: null,
        tool_calls: [{ type: 'function', function: { name: 'get_weather', arguments: '{"city":""}' } }],
      },
    });
    const stream = await (await chat({ tools, tool_choice: toolChoice, stream: true })).text();
    const fragments = parseEventStream(stream)
      .events.slice(0, -1)
      .flatMap((event) => JSON.parse(event.data).choices[0]?.delta.tool_calls ?? []);
    expect(fragments[0]).toMatchObject({
      index: 0,
      id: expect.any(String),
      function: { name: 'get_weather', arguments: '' },
    });
    expect(
      fragments.map((fragment: { function: { arguments: string } }) => fragment.function.arguments).join(''),
    ).toBe('{"city":""}');
  });

  it('uses the responder: auto tool choice calls a tool only when it says so', async () => {
    const tools = [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }];
    expect((await (await chat({ tools })).json()).choices[0].finish_reason).toBe('stop');
    openai.setResponder((input) =>
      input.tools.length > 0 ? { toolCalls: [{ name: 'lookup', arguments: { q: 'x' } }] } : undefined,
    );
    const body = await (await chat({ tools })).json();
    expect(body.choices[0].message.tool_calls[0].function.arguments).toBe('{"q":"x"}');
    openai.setResponder(undefined);
  });

  it('lists models and answers one model', async () => {
    const headers = { authorization: `Bearer ${key}` };
    const list = await (await get(`${openai.url}/v1/models`, headers)).json();
    expect(list).toEqual({
      object: 'list',
      data: [{ id: 'gpt-4o-mini', object: 'model', created: expect.any(Number), owned_by: 'system' }],
    });
    expect((await get(`${openai.url}/v1/models/gpt-4o-mini`, headers)).status).toBe(200);
    expect((await get(`${openai.url}/v1/models/nope`, headers)).status).toBe(404);
  });

  it('answers malformed JSON with OpenAI parse error', async () => {
    const response = await chat({}).then(() =>
      postJson(`${openai.url}/v1/chat/completions`, '{"model":', { authorization: `Bearer ${key}` }),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain(
      'We could not parse the JSON body of your request.',
    );
  });
});
