import type { EmulatorKind } from '../emulator/emulator.js';

/** A JSON Schema used across the structured-output tests. */
export const weatherSchema = {
  type: 'object',
  properties: {
    city: { type: 'string', minLength: 2 },
    temperature: { type: 'number', minimum: -90, maximum: 60 },
    unit: { enum: ['celsius', 'fahrenheit'] },
    windy: { type: 'boolean' },
  },
  required: ['city', 'temperature', 'unit'],
  additionalProperties: false,
} as const;

/** How to talk to each emulator kind in table-driven tests. */
export type KindFixture = {
  readonly kind: EmulatorKind;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** A minimal chat body; `extra` is merged in. */
  readonly body: (options: { stream: boolean; extra?: Record<string, unknown> }) => Record<string, unknown>;
  /** A body asking for `weatherSchema` in the backend's own structured-output form. */
  readonly schemaBody: (stream: boolean) => Record<string, unknown>;
  /** The reply text of a non-streaming answer. */
  readonly textOf: (body: unknown) => string;
  /** Input and output token counts of a non-streaming answer (undefined when absent). */
  readonly usageOf: (body: unknown) => { input: unknown; output: unknown } | undefined;
  /** Whether a complete stream body ends with the backend's terminator. */
  readonly terminated: (text: string) => boolean;
  /** Streamed text pieces of a stream body, in order. */
  readonly piecesOf: (text: string) => string[];
  /** Whether a stream body carries the backend's in-stream error. */
  readonly hasStreamError: (text: string) => boolean;
};

// biome-ignore lint/suspicious/noExplicitAny: fixtures read deep wire JSON whose shape the tests assert
type Json = Record<string, any>;

const messages = [{ role: 'user', content: 'What is the weather in Oslo? Answer in JSON.' }];
const sseData = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice(6)) as Json);
const openAIPieces = (text: string) =>
  sseData(text).flatMap((chunk) => {
    const content = chunk.choices?.[0]?.delta?.content;
    return typeof content === 'string' && content !== '' ? [content] : [];
  });
const openAIText = (body: unknown) => (body as Json).choices[0].message.content as string;
const openAIUsage = (body: unknown) => {
  const usage = (body as Json).usage;
  return usage === undefined ? undefined : { input: usage.prompt_tokens, output: usage.completion_tokens };
};
const doneTerminated = (text: string) => text.trimEnd().endsWith('data: [DONE]');
const openAISchema = {
  type: 'json_schema',
  json_schema: { name: 'weather', strict: false, schema: weatherSchema },
};

const openAILike = (kind: EmulatorKind, path: string, model: string): KindFixture => ({
  kind,
  path,
  headers: {},
  body: ({ stream, extra }) => ({ model, messages, stream, ...extra }),
  schemaBody: (stream) => ({ model, messages, stream, response_format: openAISchema }),
  textOf: openAIText,
  usageOf: openAIUsage,
  terminated: doneTerminated,
  piecesOf: openAIPieces,
  hasStreamError: (text) => sseData(text).some((chunk) => chunk.error !== undefined),
});

/** One fixture per emulator kind. */
export const kindFixtures: Readonly<Record<EmulatorKind, KindFixture>> = {
  openai: openAILike('openai', '/v1/chat/completions', 'gpt-4o-mini'),
  openrouter: openAILike('openrouter', '/api/v1/chat/completions', 'meta-llama/llama-3.1-8b-instruct'),
  vllm: openAILike('vllm', '/v1/chat/completions', 'meta-llama/Llama-3.1-8B-Instruct'),
  tgi: {
    ...openAILike('tgi', '/v1/chat/completions', 'tgi'),
    schemaBody: (stream) => ({
      model: 'tgi',
      messages,
      stream,
      response_format: { type: 'json', value: weatherSchema },
    }),
  },
  ollama: {
    kind: 'ollama',
    path: '/api/chat',
    headers: {},
    body: ({ stream, extra }) => ({ model: 'llama3.1:8b', messages, stream, ...extra }),
    schemaBody: (stream) => ({ model: 'llama3.1:8b', messages, stream, format: weatherSchema }),
    textOf: (body) => (body as Json).message.content as string,
    usageOf: (body) => {
      const json = body as Json;
      return json.eval_count === undefined && json.prompt_eval_count === undefined
        ? undefined
        : { input: json.prompt_eval_count, output: json.eval_count };
    },
    terminated: (text) => {
      const lines = text.trim().split('\n');
      return (JSON.parse(lines.at(-1) ?? '{}') as Json).done === true;
    },
    piecesOf: (text) =>
      text
        .trim()
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Json)
        .filter((line) => line.done === false && line.message?.content !== '')
        .map((line) => line.message.content as string),
    hasStreamError: (text) =>
      text
        .trim()
        .split('\n')
        .some((line) => typeof (JSON.parse(line) as Json).error === 'string'),
  },
  anthropic: {
    kind: 'anthropic',
    path: '/v1/messages',
    headers: { 'anthropic-version': '2023-06-01' },
    body: ({ stream, extra }) => ({ model: 'claude-sonnet-5', max_tokens: 256, messages, stream, ...extra }),
    schemaBody: (stream) => ({
      model: 'claude-sonnet-5',
      max_tokens: 256,
      messages,
      stream,
      output_config: { format: { type: 'json_schema', schema: weatherSchema } },
    }),
    textOf: (body) => (body as Json).content[0].text as string,
    usageOf: (body) => {
      const usage = (body as Json).usage;
      return usage === undefined ? undefined : { input: usage.input_tokens, output: usage.output_tokens };
    },
    terminated: (text) => text.trimEnd().endsWith('data: {"type":"message_stop"}'),
    piecesOf: (text) =>
      sseData(text)
        .filter((event) => event.type === 'content_block_delta' && event.delta.type === 'text_delta')
        .map((event) => event.delta.text as string),
    hasStreamError: (text) => text.includes('event: error\n'),
  },
};

/** A fetch response whose `json()` is typed for assertions on wire JSON. */
export type WireResponse = Omit<Response, 'json'> & { json(): Promise<Json> };

/**
 * GETs a URL (typed for assertions on wire JSON).
 *
 * @example
 * const models = await (await get(`${emulator.url}/v1/models`)).json();
 */
export function get(url: string, headers: Readonly<Record<string, string>> = {}): Promise<WireResponse> {
  return fetch(url, { headers }) as Promise<WireResponse>;
}

/**
 * POSTs JSON and returns the response.
 *
 * @example
 * const response = await postJson(`${emulator.url}/v1/chat/completions`, body);
 */
export function postJson(
  url: string,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
  signal?: AbortSignal,
): Promise<WireResponse> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(signal === undefined ? {} : { signal }),
  }) as Promise<WireResponse>;
}
