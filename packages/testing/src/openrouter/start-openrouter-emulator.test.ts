import { afterEach, describe, expect, it } from 'vitest';
import { get, postJson } from '../__fixtures__/chat-requests.js';
import type { Emulator, EmulatorOptions } from '../emulator/emulator.js';
import { parseEventStream } from '../wire/parse-event-stream.js';
import { startOpenRouterEmulator } from './start-openrouter-emulator.js';

const model = 'meta-llama/llama-3.1-8b-instruct';
const messages = [{ role: 'user', content: 'Say hello' }];
let openrouter: Emulator;

afterEach(() => openrouter.close());

const start = async (options: EmulatorOptions = {}) => {
  openrouter = await startOpenRouterEmulator(options);
};
const chat = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  postJson(`${openrouter.url}/api/v1/chat/completions`, { model, messages, ...body }, headers);

describe('OpenRouter emulator', () => {
  it('always returns usage with cost from the per-token prices, and names the provider', async () => {
    await start();
    const response = await chat({});
    expect(response.headers.get('x-generation-id')).toMatch(/^gen-/);
    const body = await response.json();
    expect(body).toMatchObject({ model, provider: 'Emulator', choices: [{ native_finish_reason: 'stop' }] });
    expect(body.usage).toMatchObject({
      prompt_tokens: 3,
      completion_tokens: 8,
      total_tokens: 11,
      is_byok: false,
    });
    expect(body.usage.cost).toBeCloseTo(3 * 0.00000002 + 8 * 0.00000003, 15);
  });

  it('streams a ": OPENROUTER PROCESSING" comment first and usage in the last chunk without include_usage', async () => {
    await start();
    const text = await (await chat({ stream: true })).text();
    expect(text.startsWith(': OPENROUTER PROCESSING\n\n')).toBe(true);
    const { events, comments } = parseEventStream(text);
    expect(comments).toEqual(['OPENROUTER PROCESSING']);
    expect(events.at(-1)?.data).toBe('[DONE]');
    expect(JSON.parse(events.at(-2)?.data ?? '{}')).toMatchObject({
      choices: [],
      usage: { cost: expect.any(Number) },
    });
  });

  it('falls back along `models` when the primary model cannot fit the prompt, and bills the model used', async () => {
    await start({
      models: [
        { id: 'small/model', contextWindow: 10, pricing: { prompt: '0.000001', completion: '0.000002' } },
        { id: 'large/model', contextWindow: 1000, pricing: { prompt: '0.00001', completion: '0.00002' } },
      ],
    });
    const long = [{ role: 'user', content: 'x'.repeat(200) }];
    const body = await (await chat({ model: 'small/model', models: ['large/model'], messages: long })).json();
    expect(body.model).toBe('large/model');
    expect(body.usage.cost).toBeCloseTo(50 * 0.00001 + 8 * 0.00002, 12);
    const alone = await chat({ model: 'small/model', messages: long });
    expect(alone.status).toBe(400);
    expect((await alone.json()).error.message).toContain(
      "This endpoint's maximum context length is 10 tokens",
    );
  });

  it('400 for an unknown model id', async () => {
    await start();
    const response = await chat({ model: 'nobody/nothing' });
    expect(await response.json()).toEqual({
      error: { code: 400, message: 'nobody/nothing is not a valid model ID' },
    });
  });

  it('401 with OpenRouter wording; /api/v1/models stays public', async () => {
    await start({ apiKey: 'sk-or-1' });
    expect(await (await chat({})).json()).toEqual({
      error: { code: 401, message: 'No auth credentials found' },
    });
    expect(await (await chat({}, { authorization: 'Bearer nope' })).json()).toEqual({
      error: { code: 401, message: 'User not found.' },
    });
    expect((await get(`${openrouter.url}/api/v1/models`)).status).toBe(200);
  });

  it('lists models with per-token price strings, and per-endpoint quantization', async () => {
    await start();
    const list = await (await get(`${openrouter.url}/api/v1/models`)).json();
    expect(list.data[0]).toMatchObject({
      id: model,
      context_length: 131072,
      pricing: { prompt: '0.00000002', completion: '0.00000003' },
      top_provider: { context_length: 131072 },
    });
    const endpoints = await (await get(`${openrouter.url}/api/v1/models/${model}/endpoints`)).json();
    expect(endpoints.data.endpoints[0]).toMatchObject({ quantization: 'fp8', provider_name: 'Emulator' });
  });

  it('reports a mid-stream error as a chunk with top-level error and finish_reason "error"', async () => {
    await start();
    openrouter.setFault({ type: 'stream-error', afterChunks: 1 });
    const { events } = parseEventStream(await (await chat({ stream: true })).text());
    expect(JSON.parse(events.at(-1)?.data ?? '{}')).toMatchObject({
      object: 'chat.completion.chunk',
      error: { code: 'server_error', message: 'Provider disconnected unexpectedly' },
      choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
    });
    expect(events.some((event) => event.data === '[DONE]')).toBe(false);
  });

  it('reports a generation failure of a non-streaming call as a 200 with an error body', async () => {
    await start();
    openrouter.setFault({ type: 'stream-error', message: 'upstream died' });
    const response = await chat({});
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      error: { code: 502, message: 'upstream died', metadata: { provider_name: 'Emulator' } },
    });
  });

  it('402 insufficient credits in OpenRouter form', async () => {
    await start();
    openrouter.setFault({ type: 'status', status: 402 });
    const body = await (await chat({})).json();
    expect(body.error.code).toBe(402);
    expect(body.error.message).toMatch(/Insufficient credits/);
  });
});
