import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../emulator/emulator.js';
import { startOpenRouterEmulator } from '../openrouter/start-openrouter-emulator.js';
import { startVllmEmulator } from '../vllm/start-vllm-emulator.js';
import { startOpenAIEmulator } from './start-openai-emulator.js';

/** The official client must read the emulators' wire format exactly as it reads the real servers'. */
describe.each([
  ['openai', startOpenAIEmulator, '/v1', 'gpt-4o-mini'],
  ['vllm', startVllmEmulator, '/v1', 'meta-llama/Llama-3.1-8B-Instruct'],
  ['openrouter', startOpenRouterEmulator, '/api/v1', 'openai/gpt-4o-mini'],
] as const)('official openai client against the %s emulator', (kind, start, basePath, model) => {
  let emulator: Emulator;
  let client: OpenAI;
  beforeAll(async () => {
    emulator = await start({ apiKey: 'sk-test-key-0000' });
    client = new OpenAI({ baseURL: `${emulator.url}${basePath}`, apiKey: 'sk-test-key-0000', maxRetries: 0 });
  });
  afterAll(() => emulator.close());

  it('reads a completion', async () => {
    const completion = await client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.choices[0]?.message.content).toBe(`Hello from ${kind} emulator.`);
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('reads a stream with its usage chunk', async () => {
    const stream = await client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe(`Hello from ${kind} emulator.`);
    expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0));
  });

  it('raises a RateLimitError carrying the Retry-After header', async () => {
    emulator.setFault({ type: 'status', status: 429, retryAfter: 2 });
    const error = await client.chat.completions
      .create({ model, messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('2');
  });

  it('raises an error from an in-stream error event', async () => {
    emulator.setFault({ type: 'stream-error', afterChunks: 1 });
    const stream = await client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    await expect(async () => {
      for await (const _chunk of stream) {
        // drain
      }
    }).rejects.toThrow();
  });
});
