import { afterEach, describe, expect, it } from 'vitest';
import { get, postJson } from '../__fixtures__/chat-requests.js';
import type { Emulator, EmulatorOptions } from '../emulator/emulator.js';
import { parseEventStream } from '../wire/parse-event-stream.js';
import { startAnthropicEmulator } from './start-anthropic-emulator.js';

const headers = { 'anthropic-version': '2023-06-01', 'x-api-key': 'sk-ant-1' };
const base = {
  model: 'claude-sonnet-5',
  max_tokens: 100,
  messages: [{ role: 'user', content: 'Say hello' }],
};
let anthropic: Emulator;

afterEach(() => anthropic.close());

const start = async (options: EmulatorOptions = { apiKey: 'sk-ant-1' }) => {
  anthropic = await startAnthropicEmulator(options);
};
const send = (body: Record<string, unknown>, extraHeaders: Record<string, string> = headers) =>
  postJson(`${anthropic.url}/v1/messages`, { ...base, ...body }, extraHeaders);

describe('Anthropic emulator', () => {
  it('answers a message with content blocks, stop_reason and usage, and a request-id header', async () => {
    await start();
    const response = await send({});
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    expect(await response.json()).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-5',
      content: [{ type: 'text', text: 'Hello from anthropic emulator.' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: 3,
        output_tokens: 8,
        cache_read_input_tokens: 0,
        cache_creation_input_tokens: 0,
      },
    });
  });

  it('streams named events in order with usage in message_start and message_delta, and no [DONE]', async () => {
    await start();
    const { events } = parseEventStream(await (await send({ stream: true })).text());
    const names = events.map((event) => event.event);
    expect(names[0]).toBe('message_start');
    expect(names.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(names).toContain('ping');
    expect(names.filter((name) => name === 'content_block_delta')).toHaveLength(4);
    for (const event of events) expect(JSON.parse(event.data).type).toBe(event.event);
    expect(JSON.parse(events[0]?.data ?? '{}').message.usage).toMatchObject({
      input_tokens: 3,
      output_tokens: 1,
    });
    expect(JSON.parse(events.at(-2)?.data ?? '{}')).toMatchObject({
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: 8 },
    });
    expect(events.some((event) => event.data === '[DONE]')).toBe(false);
  });

  it('answers output_config.format with JSON text, and a forced tool with a tool_use block', async () => {
    await start();
    const schema = {
      type: 'object',
      properties: { ok: { type: 'boolean' } },
      required: ['ok'],
      additionalProperties: false,
    };
    const formatted = await (
      await send({ output_config: { format: { type: 'json_schema', schema } } })
    ).json();
    expect(JSON.parse(formatted.content[0].text)).toEqual({ ok: false });
    const tools = [{ name: 'record', input_schema: schema }];
    const forced = await (await send({ tools, tool_choice: { type: 'tool', name: 'record' } })).json();
    expect(forced).toMatchObject({
      stop_reason: 'tool_use',
      content: [
        { type: 'tool_use', id: expect.stringMatching(/^toolu_/), name: 'record', input: { ok: false } },
      ],
    });
  });

  it('streams tool input as input_json_delta pieces', async () => {
    await start();
    const tools = [
      {
        name: 'record',
        input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    ];
    const { events } = parseEventStream(
      await (await send({ tools, tool_choice: { type: 'any' }, stream: true })).text(),
    );
    const data = events.map((event) => JSON.parse(event.data));
    expect(data.find((event) => event.type === 'content_block_start').content_block).toMatchObject({
      type: 'tool_use',
      input: {},
    });
    const json = data
      .filter((event) => event.delta?.type === 'input_json_delta')
      .map((event) => event.delta.partial_json)
      .join('');
    expect(JSON.parse(json)).toEqual({ city: '' });
  });

  it.each([
    [
      'OpenAI response_format',
      { response_format: { type: 'json_object' } },
      'response_format: Extra inputs are not permitted',
    ],
    [
      'a system-role message',
      { messages: [{ role: 'system', content: 'x' }] },
      'messages: Unexpected role "system"',
    ],
    ['missing max_tokens', { max_tokens: undefined }, 'max_tokens: Field required'],
    [
      'OpenAI-shaped output format',
      { output_config: { format: { type: 'json_schema', json_schema: { schema: {} } } } },
      'output_config.format.schema: Field required',
    ],
    ['temperature above 1', { temperature: 1.5 }, 'temperature: Input should be less than or equal to 1'],
  ])('400 invalid_request_error for %s', async (_name, body, message) => {
    await start();
    const response = await send(body);
    expect(response.status).toBe(400);
    const error = await response.json();
    expect(error).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error' },
      request_id: expect.any(String),
    });
    expect(error.error.message).toContain(message);
  });

  it('400 "prompt is too long" and the max_tokens variant', async () => {
    await start({ contextWindow: 100 });
    const long = await send(
      { messages: [{ role: 'user', content: 'x'.repeat(404) }] },
      { 'anthropic-version': '2023-06-01' },
    );
    expect((await long.json()).error.message).toBe('prompt is too long: 101 tokens > 100 maximum');
    const tight = await send(
      { messages: [{ role: 'user', content: 'x'.repeat(200) }], max_tokens: 60 },
      {
        'anthropic-version': '2023-06-01',
      },
    );
    expect((await tight.json()).error.message).toBe(
      'input length and `max_tokens` exceed context limit: 50 + 60 > 100, decrease input length or `max_tokens` and try again',
    );
  });

  it('401 authentication_error for a missing or wrong x-api-key; 400 without anthropic-version', async () => {
    await start();
    const missing = await send({}, { 'anthropic-version': '2023-06-01' });
    expect(missing.status).toBe(401);
    expect((await missing.json()).error).toEqual({
      type: 'authentication_error',
      message: 'x-api-key header is required',
    });
    const wrong = await send({}, { 'anthropic-version': '2023-06-01', 'x-api-key': 'nope' });
    expect((await wrong.json()).error.message).toBe('invalid x-api-key');
    const noVersion = await send({}, { 'x-api-key': 'sk-ant-1' });
    expect((await noVersion.json()).error.message).toBe('anthropic-version: header is required');
  });

  it('404 not_found_error for an unknown (or retired) model', async () => {
    await start();
    const response = await send({ model: 'claude-3-5-sonnet-20240620' });
    expect(response.status).toBe(404);
    expect((await response.json()).error).toEqual({
      type: 'not_found_error',
      message: 'model: claude-3-5-sonnet-20240620',
    });
  });

  it('529 overloaded_error with retry-after; event: error overloaded_error inside a 200 stream', async () => {
    await start();
    anthropic.setFault({ type: 'status', status: 529, retryAfter: 3 });
    const overloaded = await send({});
    expect([overloaded.status, overloaded.headers.get('retry-after')]).toEqual([529, '3']);
    expect((await overloaded.json()).error).toEqual({ type: 'overloaded_error', message: 'Overloaded' });
    anthropic.setFault({ type: 'stream-error', afterChunks: 1 });
    const { events } = parseEventStream(await (await send({ stream: true })).text());
    expect(events.at(-1)).toEqual({
      event: 'error',
      data: JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
    });
  });

  it('lists models in the paginated shape and counts tokens', async () => {
    await start();
    const list = await (await get(`${anthropic.url}/v1/models`, headers)).json();
    expect(list).toMatchObject({ has_more: false, first_id: 'claude-sonnet-5', last_id: 'claude-haiku-4-5' });
    expect(list.data[0]).toMatchObject({
      type: 'model',
      id: 'claude-sonnet-5',
      display_name: 'Claude Sonnet 5',
    });
    const count = await postJson(
      `${anthropic.url}/v1/messages/count_tokens`,
      { model: 'claude-sonnet-5', messages: base.messages },
      headers,
    );
    expect(await count.json()).toEqual({ input_tokens: 3 });
  });
});
