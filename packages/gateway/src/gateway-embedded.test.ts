import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type GatewayHarness, startGatewayHarness } from './__fixtures__/gateway-harness.js';
import { bundledModelPath } from './bundled-model-path.js';

/** The gateway in front of the real bundled GGUF, run in-process by llama.cpp. */
let harness: GatewayHarness;

beforeAll(async () => {
  harness = await startGatewayHarness({
    backends: { embedded: { kind: 'embedded', modelPath: bundledModelPath() } },
    targets: [
      {
        id: 'tiny',
        backend: 'embedded',
        model: 'tiny-chatml',
        capabilities: { contextWindow: 2048, tools: false, structuredOutput: 'native' },
      },
    ],
  });
});

afterAll(async () => {
  await harness?.close();
});

const hello = [{ role: 'user' as const, content: 'Hello, who are you?' }];

describe('the gateway with the embedded tiny model', () => {
  it('answers a real completion', async () => {
    const completion = await harness.client.chat.completions.create({
      model: 'auto',
      messages: hello,
      max_tokens: 32,
    });
    expect(completion.choices[0]?.message.content).toBe('Hello! I am a tiny test model.');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('streams a real completion with usage', async () => {
    const stream = await harness.client.chat.completions.create({
      model: 'tiny-chatml',
      messages: hello,
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 32,
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('Hello! I am a tiny test model.');
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('answers 502 when the answer cannot satisfy the schema within its token limit', async () => {
    // Grammar-constrained decoding keeps the output on the schema, but the tiny model never closes
    // its string before max_tokens: every validation retry fails, and the client hears it.
    const Answer = z.object({ greeting: z.string(), count: z.number() });
    const failure = harness.client.chat.completions.parse({
      model: 'auto',
      messages: [{ role: 'user', content: 'Reply as JSON.' }],
      response_format: zodResponseFormat(Answer, 'answer'),
      max_tokens: 24,
    });
    await expect(failure).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    await expect(failure).rejects.toMatchObject({ status: 502, code: 'invalid_upstream_output' });
    await expect(failure).rejects.toThrow(/no target produced valid structured output/);
  });

  it('answers 422 for tools, which no configured target supports', async () => {
    const failure = harness.client.chat.completions.create({
      model: 'auto',
      messages: hello,
      tools: [
        { type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {} } } },
      ],
    });
    await expect(failure).rejects.toBeInstanceOf(OpenAI.UnprocessableEntityError);
    await expect(failure).rejects.toThrow(/tool/);
  });
});
