import { afterEach, describe, expect, it } from 'vitest';
import { get, postJson } from '../__fixtures__/chat-requests.js';
import type { Emulator } from '../emulator/emulator.js';
import { parseEventStream, parseNdjson } from '../wire/parse-event-stream.js';
import { type OllamaEmulatorOptions, startOllamaEmulator } from './start-ollama-emulator.js';

const messages = [{ role: 'user', content: 'Say hello' }];
let ollama: Emulator;

afterEach(() => ollama.close());

const start = async (options: OllamaEmulatorOptions = {}) => {
  ollama = await startOllamaEmulator(options);
};
const chat = (body: Record<string, unknown>) =>
  postJson(`${ollama.url}/api/chat`, { model: 'llama3.1:8b', messages, ...body });
// biome-ignore lint/suspicious/noExplicitAny: NDJSON lines whose shape the tests assert
type Line = Record<string, any>;

describe('Ollama emulator, native API', () => {
  it('streams NDJSON by default, with usage and nanosecond durations on the final done:true line', async () => {
    await start();
    const response = await chat({});
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = parseNdjson(await response.text()) as Line[];
    expect(lines.slice(0, -1).every((line) => line.done === false)).toBe(true);
    expect(
      lines
        .slice(0, -1)
        .map((line) => line.message.content)
        .join(''),
    ).toBe('Hello from ollama emulator.');
    expect(lines.at(-1)).toEqual({
      model: 'llama3.1:8b',
      created_at: expect.any(String),
      message: { role: 'assistant', content: '' },
      done: true,
      done_reason: 'stop',
      total_duration: 1_000_000 + 3 * 1_000_000 + 7 * 20_000_000,
      load_duration: 1_000_000,
      prompt_eval_count: 3,
      prompt_eval_duration: 3_000_000,
      eval_count: 7,
      eval_duration: 140_000_000,
    });
  });

  it('answers one object with stream:false; "name" means "name:latest"', async () => {
    await start({ models: [{ id: 'mistral:latest' }] });
    const body = await (await chat({ model: 'mistral', stream: false })).json();
    expect(body).toMatchObject({
      model: 'mistral:latest',
      done: true,
      message: { content: 'Hello from ollama emulator.' },
    });
  });

  it('returns tool calls with object arguments, complete in one chunk', async () => {
    await start();
    ollama.setResponder(() => ({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] }));
    const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }];
    const body = await (await chat({ tools, stream: false })).json();
    expect(body.message.tool_calls).toEqual([
      { id: expect.any(String), function: { index: 0, name: 'get_weather', arguments: { city: 'Oslo' } } },
    ]);
    const lines = parseNdjson(await (await chat({ tools })).text()) as Line[];
    expect(lines.filter((line) => line.message?.tool_calls !== undefined)).toHaveLength(1);
  });

  it('400 when the model lacks the tools capability', async () => {
    await start({ models: [{ id: 'gemma:2b', capabilities: ['completion'] }] });
    const tools = [{ type: 'function', function: { name: 'f' } }];
    const response = await chat({ model: 'gemma:2b', tools });
    expect([response.status, await response.json()]).toEqual([
      400,
      { error: 'gemma:2b does not support tools' },
    ]);
  });

  it.each([
    ['"json"', 'json', (content: string) => expect(JSON.parse(content)).toEqual({})],
    [
      'a schema',
      { type: 'object', properties: { n: { type: 'integer', minimum: 1 } }, required: ['n'] },
      (content: string) => expect(JSON.parse(content)).toEqual({ n: 1 }),
    ],
  ])('format %s gives JSON', async (_name, format, check) => {
    await start();
    const body = await (await chat({ format, stream: false })).json();
    check(body.message.content);
  });

  it.each([
    [
      'a string other than "json"',
      'yaml',
      'invalid format: "\\"yaml\\""; expected "json" or a valid JSON Schema object',
    ],
    [
      'the OpenAI json_schema wrapper',
      { type: 'json_schema', json_schema: { schema: {} } },
      'invalid JSON schema in format',
    ],
  ])('format as %s fails with a 500', async (_name, format, error) => {
    await start();
    const response = await chat({ format });
    expect([response.status, await response.json()]).toEqual([500, { error }]);
  });

  it('ignores an OpenAI response_format on /api/chat (plain text answer)', async () => {
    await start();
    const body = await (await chat({ response_format: { type: 'json_object' }, stream: false })).json();
    expect(body.message.content).toBe('Hello from ollama emulator.');
  });

  it('silently drops old history past num_ctx; errors only with truncate:false', async () => {
    await start();
    const history = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'a'.repeat(400) },
      { role: 'assistant', content: 'b'.repeat(400) },
      { role: 'user', content: 'Say hello' },
    ];
    let seen: readonly { role: string }[] = [];
    ollama.setResponder((input) => {
      seen = input.messages;
      return undefined;
    });
    const body = await (await chat({ messages: history, options: { num_ctx: 60 }, stream: false })).json();
    expect(body.prompt_eval_count).toBeLessThanOrEqual(60);
    expect(seen.map((message) => message.role)).toEqual(['system', 'user']);
    const strict = await chat({
      messages: [{ role: 'user', content: 'x'.repeat(400) }],
      options: { num_ctx: 60 },
      truncate: false,
    });
    expect([strict.status, await strict.json()]).toEqual([
      400,
      { error: 'input length exceeds maximum context length' },
    ]);
  });

  it('404 for an unknown model, 400 for a missing body', async () => {
    await start();
    const unknown = await chat({ model: 'nope:1b' });
    expect([unknown.status, await unknown.json()]).toEqual([404, { error: "model 'nope:1b' not found" }]);
    const empty = await fetch(`${ollama.url}/api/chat`, { method: 'POST' });
    expect([empty.status, await empty.json()]).toEqual([400, { error: 'missing request body' }]);
  });

  it('an error after output is one more NDJSON line; before any output it is a 500', async () => {
    await start();
    ollama.setFault({ type: 'stream-error', afterChunks: 2, message: 'runner crashed' });
    const lines = parseNdjson(await (await chat({})).text()) as Line[];
    expect(lines.at(-1)).toEqual({ error: 'runner crashed' });
    expect(lines.some((line) => line.done === true)).toBe(false);
    ollama.setFault({ type: 'stream-error', afterChunks: 0, message: 'runner crashed' });
    const early = await chat({});
    expect([early.status, await early.json()]).toEqual([500, { error: 'runner crashed' }]);
  });

  it('reports the queue-full 503 in its own words', async () => {
    await start();
    ollama.setFault({ type: 'status', status: 503 });
    expect(await (await chat({})).json()).toEqual({
      error: 'server busy, please try again.  maximum pending requests exceeded',
    });
  });
});

describe('Ollama emulator, model endpoints', () => {
  it('serves "/" liveness, /api/version and /api/tags with details.quantization_level', async () => {
    await start({ version: '0.12.9' });
    const root = await fetch(ollama.url);
    expect([root.status, await root.text()]).toEqual([200, 'Ollama is running']);
    expect(await (await get(`${ollama.url}/api/version`)).json()).toEqual({ version: '0.12.9' });
    const tags = await (await get(`${ollama.url}/api/tags`)).json();
    expect(
      tags.models.map((model: Line) => [
        model.name,
        model.details.quantization_level,
        model.details.parameter_size,
      ]),
    ).toEqual([
      ['llama3.1:8b', 'Q4_K_M', '8.0B'],
      ['qwen2.5:14b', 'Q4_K_M', '14.8B'],
    ]);
  });

  it('/api/ps lists loaded models; a chat loads one, keep_alive:0 unloads it', async () => {
    await start();
    const loaded = async () =>
      ((await (await get(`${ollama.url}/api/ps`)).json()).models as Line[]).map((model) => model.name);
    expect(await loaded()).toEqual(['llama3.1:8b']);
    const cold = parseNdjson(await (await chat({ model: 'qwen2.5:14b' })).text()).at(-1) as Line;
    expect(cold.load_duration).toBe(500_000_000);
    expect(await loaded()).toEqual(['llama3.1:8b', 'qwen2.5:14b']);
    const warm = await (await chat({ model: 'qwen2.5:14b', messages: [], keep_alive: 0 })).json();
    expect(warm).toMatchObject({ done: true, done_reason: 'unload' });
    expect(await loaded()).toEqual(['llama3.1:8b']);
    const load = await (
      await chat({ model: 'qwen2.5:14b', messages: [], keep_alive: '30m', options: { num_ctx: 8192 } })
    ).json();
    expect(load.done_reason).toBe('load');
    const ps = (await (await get(`${ollama.url}/api/ps`)).json()).models as Line[];
    expect(ps.find((model) => model.name === 'qwen2.5:14b')).toMatchObject({
      context_length: 8192,
      size_vram: expect.any(Number),
    });
  });

  it('/api/show has details, capabilities and GGUF model_info; 404 for unknown models', async () => {
    await start();
    const show = await (await postJson(`${ollama.url}/api/show`, { model: 'llama3.1:8b' })).json();
    expect(show).toMatchObject({
      details: { format: 'gguf', family: 'llama', quantization_level: 'Q4_K_M' },
      capabilities: ['completion', 'tools'],
      model_info: { 'general.architecture': 'llama', 'general.file_type': 15 },
    });
    const missing = await postJson(`${ollama.url}/api/show`, { model: 'nope' });
    expect(missing.status).toBe(404);
  });

  it('has no /metrics route (gin 404 text)', async () => {
    await start();
    const response = await fetch(`${ollama.url}/metrics`);
    expect([response.status, await response.text()]).toEqual([404, '404 page not found']);
  });
});

describe('Ollama emulator, OpenAI layer', () => {
  const openai = (body: Record<string, unknown>) =>
    postJson(`${ollama.url}/v1/chat/completions`, { model: 'llama3.1:8b', messages, ...body });

  it('sends stream usage only with include_usage', async () => {
    await start();
    const plain = parseEventStream(await (await openai({ stream: true })).text()).events;
    expect(plain.slice(0, -1).some((event) => 'usage' in JSON.parse(event.data))).toBe(false);
    const withUsage = parseEventStream(
      await (await openai({ stream: true, stream_options: { include_usage: true } })).text(),
    ).events;
    expect(JSON.parse(withUsage.at(-2)?.data ?? '{}')).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 3 },
    });
  });

  it('ignores tool_choice and max_completion_tokens, truncates silently at the default num_ctx', async () => {
    await start({ contextWindow: 20 });
    const tools = [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }];
    const body = await (await openai({ tools, tool_choice: 'required', max_completion_tokens: 1 })).json();
    expect(body.choices[0]).toMatchObject({
      finish_reason: 'stop',
      message: { content: 'Hello from ollama emulator.' },
    });
    const long = await (await openai({ messages: [{ role: 'user', content: 'x'.repeat(400) }] })).json();
    expect(long.usage.prompt_tokens).toBe(20);
  });

  it('maps response_format json_schema to the schema, errors to {"error":{message,type,…}}', async () => {
    await start();
    const schema = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] };
    const body = await (
      await openai({ response_format: { type: 'json_schema', json_schema: { schema } } })
    ).json();
    expect(JSON.parse(body.choices[0].message.content)).toEqual({ a: '' });
    const missing = await openai({ model: 'nope' });
    expect(await missing.json()).toEqual({
      error: { message: "model 'nope' not found", type: 'not_found_error', param: null, code: null },
    });
  });
});
