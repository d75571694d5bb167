import { afterEach, describe, expect, it } from 'vitest';
import { get, postJson } from '../__fixtures__/chat-requests.js';
import type { Emulator } from '../emulator/emulator.js';
import { parseEventStream } from '../wire/parse-event-stream.js';
import { startTgiEmulator, type TgiEmulatorOptions } from './start-tgi-emulator.js';

const messages = [{ role: 'user', content: 'Say hello' }];
const schema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
let tgi: Emulator;

afterEach(() => tgi.close());

const start = async (options: TgiEmulatorOptions = {}) => {
  tgi = await startTgiEmulator(options);
};
const chat = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  postJson(`${tgi.url}/v1/chat/completions`, { model: 'tgi', messages, ...body }, headers);

describe('TGI emulator', () => {
  it.each([
    [
      'OpenAI json_schema',
      { type: 'json_schema', json_schema: { name: 'x', schema } },
      'missing field `value`',
    ],
    ['bare json_object', { type: 'json_object' }, 'missing field `value`'],
    [
      'unknown type',
      { type: 'text' },
      'unknown variant `text`, expected one of `json`, `json_object`, `regex`, `json_schema`',
    ],
  ])('rejects response_format in %s form with a plain-text 422', async (_name, responseFormat, problem) => {
    await start();
    const response = await chat({ response_format: responseFormat });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(
      new RegExp(
        `^Failed to deserialize the JSON body into the target type: response_format: ${problem.replaceAll(/[`]/g, '.')} at line 1 column \\d+$`,
      ),
    );
  });

  it.each([
    ['json', { type: 'json', value: schema }],
    ['json_object with a schema', { type: 'json_object', value: schema }],
    ['json_schema', { type: 'json_schema', value: { name: 'x', schema } }],
  ])('answers TGI %s form with a conforming instance', async (_name, responseFormat) => {
    await start();
    const body = await (await chat({ response_format: responseFormat })).json();
    expect(JSON.parse(body.choices[0].message.content)).toEqual({ name: '' });
  });

  it('echoes any model name (LoRA id semantics) and uses an empty id', async () => {
    await start();
    const body = await (await chat({ model: 'my-adapter' })).json();
    expect(body).toMatchObject({
      id: '',
      model: 'my-adapter',
      system_fingerprint: expect.stringContaining('3.3.7'),
    });
  });

  it('422 validation for context overflow, in both TGI wordings', async () => {
    await start({ contextWindow: 100 });
    const input = await chat({ messages: [{ role: 'user', content: 'x'.repeat(400) }] });
    expect(input.status).toBe(422);
    expect(await input.json()).toEqual({
      error: 'Input validation error: `inputs` must have less than 99 tokens. Given: 100',
      error_type: 'validation',
    });
    const total = await chat({ messages: [{ role: 'user', content: 'x'.repeat(200) }], max_tokens: 60 });
    expect((await total.json()).error).toBe(
      'Input validation error: `inputs` tokens + `max_new_tokens` must be <= 100. Given: 50 `inputs` tokens and 60 `max_new_tokens`',
    );
  });

  it('needs Content-Type: application/json (415) and valid JSON (400 plain text)', async () => {
    await start();
    const noType = await fetch(`${tgi.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ messages }),
    });
    expect(noType.status).toBe(415);
    const broken = await postJson(`${tgi.url}/v1/chat/completions`, '{"messages":');
    expect([broken.status, await broken.text()]).toEqual([
      400,
      'Failed to parse the request body as JSON: expected value at line 1 column 1',
    ]);
    const missing = await postJson(`${tgi.url}/v1/chat/completions`, { model: 'tgi' });
    expect(await missing.text()).toMatch(
      /^Failed to deserialize the JSON body into the target type: missing field `messages`/,
    );
  });

  it('answers a wrong or missing key with a bare 401', async () => {
    await start({ apiKey: 'hf_secret' });
    const denied = await chat({});
    expect([denied.status, await denied.text()]).toEqual([401, '']);
    expect((await chat({}, { authorization: 'Bearer hf_secret' })).status).toBe(200);
  });

  it('serves /info, /health and /v1/models', async () => {
    await start({ contextWindow: 4096 });
    expect(await (await get(`${tgi.url}/info`)).json()).toMatchObject({
      model_id: 'meta-llama/Llama-3.1-8B-Instruct',
      max_input_tokens: 4095,
      max_total_tokens: 4096,
      version: '3.3.7',
    });
    expect((await get(`${tgi.url}/health`)).status).toBe(200);
    const models = await (await get(`${tgi.url}/v1/models`)).json();
    expect(models.data).toHaveLength(1);
  });

  it('reports overload as 429 {"error":"Model is overloaded","error_type":"overloaded"}', async () => {
    await start();
    tgi.setFault({ type: 'status', status: 429 });
    const response = await chat({});
    expect(await response.json()).toEqual({ error: 'Model is overloaded', error_type: 'overloaded' });
  });

  it('sends a mid-stream error as data: {"error":{message,http_status_code}} and no [DONE]', async () => {
    await start();
    tgi.setFault({ type: 'stream-error', afterChunks: 2 });
    const { events } = parseEventStream(await (await chat({ stream: true })).text());
    expect(JSON.parse(events.at(-1)?.data ?? '{}')).toEqual({
      error: {
        message: 'Request failed during generation: Server error: CUDA out of memory',
        http_status_code: 424,
      },
    });
    expect(events.some((event) => event.data === '[DONE]')).toBe(false);
  });

  it('rejects response_format together with tools', async () => {
    await start();
    const tools = [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }];
    const response = await chat({ tools, response_format: { type: 'json', value: schema } });
    expect(response.status).toBe(422);
  });
});
