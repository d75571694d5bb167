import { type Emulator, startOllamaEmulator, startOpenAIEmulator } from '@switchyard/testing';
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type GatewayHarness, startGatewayHarness, targetEntry } from './__fixtures__/gateway-harness.js';

const cloudKeyVariable = 'SWITCHYARD_GATEWAY_TEST_OPENAI_KEY';
const cloudKey = 'sk-gateway-test-0123456789abcdef';

let ollama: Emulator;
let openai: Emulator;
let harness: GatewayHarness;

function hybridConfig(extra: Record<string, unknown> = {}) {
  return {
    backends: {
      ollama: { kind: 'ollama', baseUrl: ollama.url },
      openai: { kind: 'openai', baseUrl: `${openai.url}/v1`, apiKeyEnv: cloudKeyVariable },
    },
    targets: [
      targetEntry('local-llama', 'ollama', 'llama3.1:8b', {
        tier: 1,
        price: { gpuHourly: { usdPerHour: 0.5 } },
      }),
      targetEntry('cloud-mini', 'openai', 'gpt-4o-mini', {
        tier: 3,
        price: { perToken: { input: 0.15, output: 0.6 } },
      }),
    ],
    routes: {
      aliases: { fast: { primary: 'local-llama', fallbacks: ['cloud-mini'] } },
      premium: ['gpt-4o'],
    },
    health: { enabled: false, failureThreshold: 1000 },
    metering: { baselineTarget: 'cloud-mini' },
    ...extra,
  };
}

beforeAll(async () => {
  ollama = await startOllamaEmulator();
  openai = await startOpenAIEmulator({ apiKey: cloudKey });
  process.env[cloudKeyVariable] = cloudKey;
  harness = await startGatewayHarness(hybridConfig());
});

afterAll(async () => {
  await harness?.close();
  await Promise.all([ollama?.close(), openai?.close()]);
  delete process.env[cloudKeyVariable];
});

afterEach(() => {
  ollama.clearFaults();
  openai.clearFaults();
});

const hello = [{ role: 'user' as const, content: 'Say hello.' }];

describe('the gateway with the official openai client', () => {
  it('answers a chat completion and says where it went in the headers', async () => {
    const { data, response } = await harness.client.chat.completions
      .create({ model: 'fast', messages: hello })
      .withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.choices[0]?.message.content).toBe('Hello from ollama emulator.');
    expect(data.usage?.total_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-switchyard-target')).toBe('local-llama');
    expect(response.headers.get('x-switchyard-backend')).toBe('ollama');
    expect(response.headers.get('x-switchyard-fallbacks')).toBe('0');
    expect(response.headers.get('x-switchyard-reason')).toBe(
      "routing-table: alias 'fast' -> local-llama, then cloud-mini",
    );
    expect(response.headers.get('x-request-id')).toMatch(/\S+/);
  });

  it('streams chunks and ends with the usage chunk when include_usage is set', async () => {
    const stream = await harness.client.chat.completions.create({
      model: 'fast',
      messages: hello,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('Hello from ollama emulator.');
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.completion_tokens).toBeGreaterThan(0);
    expect(last?.usage?.total_tokens).toBe(
      (last?.usage?.prompt_tokens ?? 0) + (last?.usage?.completion_tokens ?? 0),
    );
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === undefined || chunk.usage === null)).toBe(
      true,
    );
  });

  it('streams without a usage chunk when include_usage is not set', async () => {
    const stream = await harness.client.chat.completions.create({
      model: 'fast',
      messages: hello,
      stream: true,
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((chunk) => chunk.choices.length === 1)).toBe(true);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });

  it('returns structured output the client parses with a zod response format', async () => {
    const Weather = z.object({ city: z.string(), temperatureCelsius: z.number(), sunny: z.boolean() });
    const completion = await harness.client.chat.completions.parse({
      model: 'auto',
      messages: [{ role: 'user', content: 'Weather in Oslo as JSON.' }],
      response_format: zodResponseFormat(Weather, 'weather'),
    });
    const parsed = completion.choices[0]?.message.parsed;
    expect(parsed).not.toBeNull();
    expect(Weather.safeParse(parsed).success).toBe(true);
  });

  it('passes tools through and returns the tool calls', async () => {
    const completion = await harness.client.chat.completions.create({
      model: 'cloud-mini',
      messages: [{ role: 'user', content: 'What is the weather in Oslo?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Current weather of a city',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          },
        },
      ],
      tool_choice: 'required',
    });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' ? call.function.name : undefined).toBe('get_weather');
    expect(JSON.parse(call?.type === 'function' ? call.function.arguments : '{}')).toHaveProperty('city');
  });

  it('lists the routing keys as models', async () => {
    const ids: string[] = [];
    for await (const model of harness.client.models.list()) ids.push(model.id);
    expect(ids).toEqual(['auto', 'fast', 'local-llama', 'cloud-mini']);
    const one = await harness.client.models.retrieve('cloud-mini');
    expect(one).toMatchObject({ id: 'cloud-mini', object: 'model', owned_by: 'openai' });
  });

  it('fails over to the next hop and counts the fallback in the headers', async () => {
    ollama.setFault({ type: 'status', status: 503, times: 2 });
    const { data, response } = await harness.client.chat.completions
      .create({ model: 'fast', messages: hello })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('Hello from openai emulator.');
    expect(response.headers.get('x-switchyard-target')).toBe('cloud-mini');
    expect(response.headers.get('x-switchyard-fallbacks')).toBe('1');
  });

  it('fails over a stream before its first chunk and names the answering target', async () => {
    ollama.setFault({ type: 'status', status: 503, times: 2 });
    const { data: stream, response } = await harness.client.chat.completions
      .create({ model: 'fast', messages: hello, stream: true })
      .withResponse();
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Hello from openai emulator.');
    expect(response.headers.get('x-switchyard-target')).toBe('cloud-mini');
    expect(response.headers.get('x-switchyard-fallbacks')).toBe('1');
  });
});

describe('error statuses as the client sees them', () => {
  it('400 BadRequestError names the bad field', async () => {
    const failure = harness.client.chat.completions.create({
      model: 'auto',
      messages: 'hello' as unknown as OpenAI.ChatCompletionMessageParam[],
    });
    await expect(failure).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(failure).rejects.toMatchObject({
      status: 400,
      param: 'messages',
      type: 'invalid_request_error',
    });
  });

  it('404 NotFoundError for a model name that routes nowhere', async () => {
    const failure = harness.client.chat.completions.create({ model: 'gpt-9-ultra', messages: hello });
    await expect(failure).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(failure).rejects.toMatchObject({ code: 'model_not_found', param: 'model' });
    await expect(failure).rejects.toThrow(/gpt-9-ultra.*auto, fast, local-llama, cloud-mini/);
  });

  it('422 UnprocessableEntityError with every rejection when nothing can serve the request', async () => {
    const huge = 'lorem ipsum dolor sit amet '.repeat(12_000);
    const failure = harness.client.chat.completions.create({
      model: 'auto',
      messages: [{ role: 'user', content: huge }],
    });
    await expect(failure).rejects.toBeInstanceOf(OpenAI.UnprocessableEntityError);
    const error = (await failure.catch((caught: unknown) => caught)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.code).toBe('no_route');
    const detail = (error.error as { switchyard?: { rejections?: { policy: string }[] } }).switchyard;
    expect(detail?.rejections?.map((rejection) => rejection.policy)).toContain('context-fit');
  });

  it('503 InternalServerError when every target is down', async () => {
    ollama.setFault({ type: 'status', status: 503, times: Number.POSITIVE_INFINITY });
    openai.setFault({ type: 'status', status: 503, times: Number.POSITIVE_INFINITY });
    const failure = harness.client.chat.completions.create({ model: 'fast', messages: hello });
    await expect(failure).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    await expect(failure).rejects.toMatchObject({ status: 503, code: 'no_target_available' });
  });

  it('503 for a stream whose every target fails before the first chunk', async () => {
    ollama.setFault({ type: 'status', status: 503, times: Number.POSITIVE_INFINITY });
    openai.setFault({ type: 'status', status: 503, times: Number.POSITIVE_INFINITY });
    const failure = harness.client.chat.completions.create({ model: 'fast', messages: hello, stream: true });
    await expect(failure).rejects.toMatchObject({ status: 503 });
  });
});

describe('rate limits and client keys', () => {
  let limited: GatewayHarness;
  beforeAll(async () => {
    limited = await startGatewayHarness(hybridConfig(), {
      clientApiKeys: ['sk-client-alpha-123'],
      apiKey: 'sk-client-alpha-123',
      execution: { maxAttemptsPerTarget: 1 },
    });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('429 RateLimitError with Retry-After when every target is rate limited', async () => {
    ollama.setFault({ type: 'status', status: 429, retryAfter: 7, times: Number.POSITIVE_INFINITY });
    openai.setFault({ type: 'status', status: 429, retryAfter: 7, times: Number.POSITIVE_INFINITY });
    const failure = limited.client.chat.completions.create({ model: 'fast', messages: hello });
    await expect(failure).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    const error = (await failure.catch((caught: unknown) => caught)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.headers?.get('retry-after')).toBe('7');
  });

  it('401 AuthenticationError for a wrong or missing client key', async () => {
    const wrong = new OpenAI({ baseURL: `${limited.url}/v1`, apiKey: 'sk-client-wrong', maxRetries: 0 });
    await expect(wrong.chat.completions.create({ model: 'fast', messages: hello })).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );
    const response = await fetch(`${limited.url}/v1/models`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toMatchObject({
      error: { code: 'missing_api_key', type: 'authentication_error' },
    });
    const completion = await limited.client.chat.completions.create({ model: 'fast', messages: hello });
    expect(completion.choices[0]?.message.content).toBe('Hello from ollama emulator.');
  });
});
