import { afterEach, describe, expect, it } from 'vitest';
import { get, postJson } from '../__fixtures__/chat-requests.js';
import type { Emulator } from '../emulator/emulator.js';
import { parseEventStream } from '../wire/parse-event-stream.js';
import { startVllmEmulator, type VllmEmulatorOptions } from './start-vllm-emulator.js';

const model = 'meta-llama/Llama-3.1-8B-Instruct';
const messages = [{ role: 'user', content: 'Say hello' }];
const schema = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] };
let vllm: Emulator;

afterEach(() => vllm.close());

const start = async (options: VllmEmulatorOptions = {}) => {
  vllm = await startVllmEmulator(options);
};
const chat = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  postJson(`${vllm.url}/v1/chat/completions`, { model, messages, ...body }, headers);
const chunksOf = async (response: Response) =>
  parseEventStream(await response.text()).events.map((event) => event.data);

describe('vLLM emulator', () => {
  it('puts stream usage only in a final chunk, and only with include_usage', async () => {
    await start();
    const plain = await chunksOf(await chat({ stream: true }));
    expect(plain.at(-1)).toBe('[DONE]');
    expect(plain.slice(0, -1).some((data) => 'usage' in JSON.parse(data))).toBe(false);
    const withUsage = await chunksOf(await chat({ stream: true, stream_options: { include_usage: true } }));
    expect(JSON.parse(withUsage.at(-2) ?? '{}')).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 3, completion_tokens: 7, total_tokens: 10 },
    });
  });

  it('non-streaming answers carry vLLM extras: stop_reason, tool_calls: [], usage', async () => {
    await start();
    const body = await (await chat({})).json();
    expect(body).toMatchObject({
      id: expect.stringMatching(/^chatcmpl-/),
      choices: [
        {
          message: { content: 'Hello from vllm emulator.', tool_calls: [] },
          stop_reason: null,
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 3, completion_tokens: 7, total_tokens: 10 },
    });
  });

  it('400 "maximum context length" for prompt + max tokens over max_model_len', async () => {
    await start({ models: [{ id: model, contextWindow: 50 }] });
    const response = await chat({ max_tokens: 30, messages: [{ role: 'user', content: 'x'.repeat(100) }] });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        message:
          "This model's maximum context length is 50 tokens. However, you requested 55 tokens (25 in the messages, 30 in the completion). Please reduce the length of the messages or completion.",
        type: 'BadRequestError',
        param: null,
        code: 400,
      },
    });
  });

  it('honours response_format json_schema and structured_outputs.json, ignores removed guided_json', async () => {
    await start();
    const viaResponseFormat = await (
      await chat({ response_format: { type: 'json_schema', json_schema: { name: 'r', schema } } })
    ).json();
    expect(JSON.parse(viaResponseFormat.choices[0].message.content)).toEqual({ ok: false });
    const viaStructured = await (await chat({ structured_outputs: { json: schema } })).json();
    expect(JSON.parse(viaStructured.choices[0].message.content)).toEqual({ ok: false });
    const guided = await chat({ guided_json: schema });
    expect(guided.status).toBe(200);
    expect((await guided.json()).choices[0].message.content).toBe('Hello from vllm emulator.');
  });

  it('rejects json_schema without json_schema, and stream_options without stream', async () => {
    await start();
    const flat = await chat({ response_format: { type: 'json_schema', schema } });
    expect(flat.status).toBe(400);
    expect((await flat.json()).error.type).toBe('BadRequestError');
    const options = await chat({ stream_options: { include_usage: true } });
    expect((await options.json()).error.message).toBe(
      'Stream options can only be defined when `stream=True`.',
    );
  });

  it('auto tool choice needs --enable-auto-tool-choice; required works without it', async () => {
    await start({ enableAutoToolChoice: false });
    const tools = [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }];
    const auto = await chat({ tools });
    expect(auto.status).toBe(400);
    expect((await auto.json()).error.message).toBe(
      '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set',
    );
    const required = await (await chat({ tools, tool_choice: 'required' })).json();
    expect(required.choices[0].message.tool_calls[0].function).toEqual({ name: 'f', arguments: '{}' });
  });

  it('404 NotFoundError for an unknown model', async () => {
    await start();
    const response = await chat({ model: 'other' });
    expect(response.status).toBe(404);
    expect((await response.json()).error).toMatchObject({
      type: 'NotFoundError',
      code: 404,
      message: 'The model `other` does not exist.',
    });
  });

  it('checks the API key on /v1 only, answering {"error":"Unauthorized"}', async () => {
    await start({ apiKey: 'k' });
    const denied = await chat({});
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({ error: 'Unauthorized' });
    expect((await chat({}, { authorization: 'Bearer k' })).status).toBe(200);
    expect((await get(`${vllm.url}/health`)).status).toBe(200);
    expect((await get(`${vllm.url}/metrics`)).status).toBe(200);
  });

  it('serves /health (empty 200, empty 503 under a fault) and /v1/models with max_model_len', async () => {
    await start({ contextWindow: 16384, models: [model] });
    const health = await fetch(`${vllm.url}/health`);
    expect([health.status, await health.text()]).toEqual([200, '']);
    vllm.setFault({ type: 'status', status: 503, path: '/health' });
    const dead = await fetch(`${vllm.url}/health`);
    expect([dead.status, await dead.text()]).toEqual([503, '']);
    const models = await (await get(`${vllm.url}/v1/models`)).json();
    expect(models.data[0]).toMatchObject({ id: model, owned_by: 'vllm', root: model, max_model_len: 16384 });
  });

  it('/metrics reports requests running and waiting from live in-flight requests', async () => {
    await start({ maxNumSeqs: 2 });
    vllm.setFault({ type: 'hang', times: 3 });
    const hung = [1, 2, 3].map(() => chat({}, {}).catch(() => undefined));
    while (vllm.requests.length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    const metrics = await (await get(`${vllm.url}/metrics`)).text();
    expect(metrics).toContain(`vllm:num_requests_running{engine="0",model_name="${model}"} 2.0`);
    expect(metrics).toContain(`vllm:num_requests_waiting{engine="0",model_name="${model}"} 1.0`);
    await vllm.close();
    await Promise.all(hung);
  });

  it('counts tokens in /metrics after requests', async () => {
    await start();
    await (await chat({})).json();
    const metrics = await (await get(`${vllm.url}/metrics`)).text();
    expect(metrics).toMatch(/vllm:prompt_tokens_total\{[^}]*\} 3\.0/);
    expect(metrics).toMatch(/vllm:generation_tokens_total\{[^}]*\} 7\.0/);
    expect(metrics).toMatch(/vllm:num_requests_running\{[^}]*\} 0\.0/);
  });

  it('reports a mid-stream failure as data: {"error":…} followed by [DONE]', async () => {
    await start();
    vllm.setFault({ type: 'stream-error', afterChunks: 1 });
    const chunks = await chunksOf(await chat({ stream: true }));
    expect(JSON.parse(chunks.at(-2) ?? '{}')).toMatchObject({
      error: { type: 'InternalServerError', code: 500 },
    });
    expect(chunks.at(-1)).toBe('[DONE]');
  });
});
