import type { BackendV1, ChatRequest, StreamPart } from '@switchyard/core';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  callError,
  chat,
  collect,
  contentOf,
  endlessString,
  tinyAnswer,
} from './__fixtures__/embedded-test-helpers.js';
import { testModels } from './__fixtures__/test-models.js';
import { createEmbedded, type EmbeddedBackend } from './index.js';
import { loadEmbeddedModel } from './load-embedded-model.js';

// Counts model loads, still loading the real model.
vi.mock('./load-embedded-model.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./load-embedded-model.js')>();
  return { ...actual, loadEmbeddedModel: vi.fn(actual.loadEmbeddedModel) };
});

describe('createEmbedded with tiny-chatml (real model, in-process)', () => {
  let backend: EmbeddedBackend;

  beforeAll(async () => {
    backend = createEmbedded({
      id: 'tiny',
      modelPath: testModels.tinyChatml,
      contextSize: 512,
      maxConcurrency: 2,
    });
    const asSpecified: BackendV1 = backend; // the embedded backend is a BackendV1
    expect(asSpecified.specificationVersion).toBe('v1');
  });
  afterAll(async () => {
    await backend.close();
  });

  it('reports the file as loadable before loading, and describes it from the GGUF header', async () => {
    await expect(backend.probe()).resolves.toMatchObject({ status: 'up' });
    const description = await backend.describe();
    expect(description).toMatchObject({ backend: 'tiny', kind: 'embedded' });
    expect(description.models[0]).toMatchObject({
      id: 'tiny-chatml.gguf',
      loaded: false,
      quantization: 'F32',
      contextWindow: 512,
      capabilities: { contextWindow: 512, tools: false, structuredOutput: 'native', vision: false },
      warnings: [],
    });
  });

  it('loads once for concurrent first calls and answers each exactly once', async () => {
    vi.mocked(loadEmbeddedModel).mockClear();
    const requests = Array.from({ length: 5 }, (_, index) => chat(`Say hello ${index}.`, { max_tokens: 32 }));
    const results = await Promise.all(
      requests.map((request) => backend.doGenerate({ request, model: 'tiny' })),
    );
    expect(loadEmbeddedModel).toHaveBeenCalledTimes(1);
    const ids = new Set(results.map((result) => result.completion.id));
    expect(ids.size).toBe(5);
    for (const result of results) {
      expect(result.completion.choices).toHaveLength(1);
      expect(result.completion.choices[0]?.message.content).toBe(tinyAnswer);
    }
    const description = await backend.describe();
    expect(description.models[0]).toMatchObject({ loaded: true, promptFormat: 'chat template (ChatML)' });
    await expect(backend.probe()).resolves.toMatchObject({
      status: 'up',
      load: { processing: 0, queued: 0, slots: 2 },
    });
  });

  it('generates the exact answer with OpenAI usage and timing', async () => {
    const request: ChatRequest = {
      model: 'tiny-chatml',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Say hello.' },
      ],
      temperature: 1.5,
      seed: 7,
    };
    const first = await backend.doGenerate({ request, model: 'tiny' });
    expect(first.completion).toMatchObject({
      object: 'chat.completion',
      model: 'tiny-chatml.gguf',
      choices: [{ index: 0, message: { role: 'assistant', content: tinyAnswer }, finish_reason: 'stop' }],
    });
    expect(first.completion.id).toMatch(/^chatcmpl-/);
    // 9 visible tokens + the end-of-turn token, as llama-server counts; the prompt includes BOS.
    expect(first.usage.outputTokens).toBe(10);
    expect(first.usage.inputTokens).toBe(26);
    expect(first.completion.usage).toMatchObject({
      prompt_tokens: 26,
      completion_tokens: 10,
      total_tokens: 36,
    });
    expect(first.timing.durationMs).toBeGreaterThan(0);
    expect(first.warnings).toEqual([]);

    // The same prompt again goes to the sequence that holds it: all but one prompt token are cached.
    const second = await backend.doGenerate({ request, model: 'tiny' });
    expect(second.usage).toMatchObject({ inputTokens: 26, cachedInputTokens: 25, outputTokens: 10 });
  });

  it('streams a role chunk, content chunks, a finish chunk, then the finish part', async () => {
    const result = await backend.doStream({ request: chat('Say hello.', { stream: true }), model: 'tiny' });
    const parts = await collect(result);
    const chunks = parts.flatMap((part) => (part.type === 'chunk' ? [part.chunk] : []));
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks.length).toBeGreaterThan(3);
    expect(contentOf(parts)).toBe(tinyAnswer);
    expect(chunks.at(-1)?.choices[0]).toEqual({ index: 0, delta: {}, finish_reason: 'stop' });
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    const finish = parts.at(-1);
    expect(finish?.type).toBe('finish');
    if (finish?.type !== 'finish') return;
    expect(finish.finishReason).toBe('stop');
    expect(finish.usage.outputTokens).toBe(10);
    expect(finish.usage.inputTokens).toBeGreaterThan(0);
    expect(finish.timing.timeToFirstTokenMs).toBeGreaterThan(0);
    expect(parts.filter((part) => part.type === 'finish')).toHaveLength(1);
  });

  it.each([
    { name: 'max_tokens', extra: { max_tokens: 3 }, content: 'Hello! I', finish: 'length', outputTokens: 3 },
    {
      name: 'max_completion_tokens',
      extra: { max_completion_tokens: 2 },
      content: 'Hello!',
      finish: 'length',
      outputTokens: 2,
    },
    {
      name: 'stop string',
      extra: { stop: [' tiny'] },
      content: 'Hello! I am a',
      finish: 'stop',
      outputTokens: undefined,
    },
  ])('honours $name', async ({ extra, content, finish, outputTokens }) => {
    const generated = await backend.doGenerate({ request: chat('Say hello.', extra), model: 'tiny' });
    expect(generated.completion.choices[0]).toMatchObject({ message: { content }, finish_reason: finish });
    if (outputTokens !== undefined) expect(generated.usage.outputTokens).toBe(outputTokens);
    const streamed = await collect(
      await backend.doStream({ request: chat('Say hello.', extra), model: 'tiny' }),
    );
    expect(contentOf(streamed)).toBe(content);
    expect(streamed.at(-1)).toMatchObject({ type: 'finish', finishReason: finish });
  });

  it('returns JSON that matches the requested schema', async () => {
    const schema = {
      type: 'object',
      properties: {
        ok: { type: 'boolean' },
        n: { type: 'integer', minimum: 0, maximum: 9 },
        label: { type: 'string', enum: ['red', 'green'] },
        tags: { type: 'array', items: { type: 'string', maxLength: 8 }, maxItems: 3 },
      },
      required: ['ok', 'n', 'label'],
      additionalProperties: false,
    };
    const validate = new Ajv({ allErrors: true }).compile({
      ...schema,
      properties: { ...schema.properties, n: { type: 'integer' } }, // minimum/maximum are reported as not enforced
    });
    for (const seed of [1, 2, 3]) {
      const result = await backend.doGenerate({
        request: chat('Give me JSON.', {
          response_format: { type: 'json_schema', json_schema: { name: 'answer', strict: true, schema } },
          seed,
          max_tokens: 200,
        }),
        model: 'tiny',
      });
      const content = result.completion.choices[0]?.message.content ?? '';
      expect(result.completion.choices[0]?.finish_reason).toBe('stop');
      const parsed: unknown = JSON.parse(content);
      expect(validate(parsed), `${content}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(result.warnings.join(' ')).toContain('#/properties/n: minimum');
    }
  });

  it('streams structured output that parses once the chunks are joined', async () => {
    const schema = {
      type: 'object',
      properties: { answer: { type: 'string', maxLength: 12 } },
      required: ['answer'],
    };
    const parts = await collect(
      await backend.doStream({
        request: chat('JSON please', {
          response_format: { type: 'json_schema', json_schema: { name: 'a', schema } },
          seed: 5,
        }),
        model: 'tiny',
      }),
    );
    const parsed = JSON.parse(contentOf(parts)) as { answer: unknown };
    expect(typeof parsed.answer).toBe('string');
  });

  it('rejects an invalid schema before generating', async () => {
    const error = await callError(
      backend.doGenerate({
        request: chat('x', {
          response_format: {
            type: 'json_schema',
            json_schema: { name: 'bad', schema: { type: 'nonsense' } },
          },
        }),
        model: 'tiny',
      }),
    );
    expect(error).toMatchObject({
      code: 'invalid-request',
      phase: 'headers',
      backend: 'tiny',
      isRetryable: false,
    });
    expect(error.message).toContain('unknown type "nonsense"');
  });

  it.each([
    {
      name: 'tools',
      request: chat('x', {
        tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }],
      }),
      message: 'tools are not supported',
    },
    {
      name: 'an image',
      request: {
        model: 'm',
        messages: [
          { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } }] },
        ],
      } as ChatRequest,
      message: "messages[0].content[0] is a 'image_url' part",
    },
    { name: 'n = 2', request: chat('x', { n: 2 }), message: 'n=2' },
  ])('answers $name with code unsupported', async ({ request, message }) => {
    const error = await callError(backend.doGenerate({ request, model: 'tiny' }));
    expect(error.code).toBe('unsupported');
    expect(error.message).toContain(message);
  });

  it('fails with context-length-exceeded when the prompt does not fit', async () => {
    const long = 'hello world '.repeat(400);
    for (const call of [backend.doGenerate, backend.doStream]) {
      const error = await callError(call({ request: chat(long), model: 'tiny' }));
      expect(error).toMatchObject({ code: 'context-length-exceeded', phase: 'headers', isRetryable: false });
      expect(error.message).toMatch(
        /The prompt is \d+ tokens; the embedded model's context window is 512 tokens/,
      );
    }
  });

  it('stops generating promptly when the caller aborts mid-stream, and frees the sequence', async () => {
    const controller = new AbortController();
    const result = await backend.doStream({
      request: chat('Write', { response_format: endlessString, max_tokens: 400 }),
      model: 'tiny',
      signal: controller.signal,
    });
    const seen: StreamPart[] = [];
    const error = await callError(
      (async () => {
        for await (const part of result.stream) {
          seen.push(part);
          if (seen.length === 4) controller.abort();
        }
      })(),
    );
    expect(error).toMatchObject({ code: 'aborted', phase: 'stream' });
    expect(seen.length).toBeLessThan(100); // 400 tokens were allowed
    expect(seen.some((part) => part.type === 'finish')).toBe(false);
    // Both sequences are free again: two calls run at once and succeed.
    const [left, right] = await Promise.all([
      backend.doGenerate({ request: chat('a'), model: 'tiny' }),
      backend.doGenerate({ request: chat('b'), model: 'tiny' }),
    ]);
    expect(left.completion.choices[0]?.message.content).toBe(tinyAnswer);
    expect(right.completion.choices[0]?.message.content).toBe(tinyAnswer);
  });

  it('gives each concurrent request its own full window (no shared KV cache to overflow)', async () => {
    // Each request fills most of the 512-token window; together they would not fit in one.
    const request = chat(`${'hello world '.repeat(90)}`, { response_format: endlessString, max_tokens: 200 });
    const results = await Promise.all([
      backend.doGenerate({ request, model: 'tiny' }),
      backend.doGenerate({ request, model: 'tiny' }),
    ]);
    for (const result of results) {
      expect(result.usage.inputTokens + result.usage.outputTokens).toBeGreaterThan(300);
      expect(result.usage.outputTokens).toBe(200);
      expect(result.completion.choices[0]?.finish_reason).toBe('length');
    }
  });

  it('rejects at once when the signal is already aborted', async () => {
    const error = await callError(
      backend.doGenerate({ request: chat('x'), model: 'tiny', signal: AbortSignal.abort() }),
    );
    expect(error.code).toBe('aborted');
  });

  it('stops the generation when the stream consumer breaks early', async () => {
    const result = await backend.doStream({
      request: chat('Write', { response_format: endlessString, max_tokens: 400 }),
      model: 'tiny',
    });
    let count = 0;
    for await (const _part of result.stream) {
      count += 1;
      if (count === 3) break;
    }
    await expect(backend.probe()).resolves.toMatchObject({ load: { queued: 0 } });
    const next = await backend.doGenerate({ request: chat('again'), model: 'tiny' });
    expect(next.completion.choices[0]?.message.content).toBe(tinyAnswer);
  });
});
