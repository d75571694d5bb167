import { describe, expect, it } from 'vitest';
import { callError, chat, endlessString } from './__fixtures__/embedded-test-helpers.js';
import { testModels } from './__fixtures__/test-models.js';
import { createEmbedded } from './index.js';

describe('createEmbedded with stories260K (no chat template)', () => {
  const skipReason = testModels.storiesSkipReason;

  it.skipIf(skipReason !== undefined)(
    `continues the text as a story with the plain prompt format${skipReason === undefined ? '' : ` — skipped: ${skipReason}`}`,
    async () => {
      const backend = createEmbedded({ modelPath: testModels.stories260K });
      try {
        const before = await backend.describe();
        expect(before.models[0]).toMatchObject({
          id: 'stories260K.gguf',
          quantization: 'F32',
          contextWindow: 2048,
          promptFormat: 'plain text (no chat template in the GGUF)',
        });
        expect(before.models[0]?.warnings[0]).toContain('no chat template');
        const result = await backend.doGenerate({
          request: {
            model: 'stories',
            messages: [{ role: 'user', content: 'Once upon a time' }],
            max_tokens: 48,
            seed: 1,
          },
          model: 'stories',
        });
        const text = result.completion.choices[0]?.message.content ?? '';
        expect(result.warnings.join(' ')).toContain('no chat template');
        expect(result.usage.outputTokens).toBeGreaterThan(5);
        // Children's-story English: real words, and the story vocabulary the model was trained on.
        expect(text.split(/\s+/).filter((word) => /^[A-Za-z,.!']+$/.test(word)).length).toBeGreaterThan(8);
        expect(text).toMatch(/\b(there|was|a|the|she|he|they|named|little|day)\b/i);
      } finally {
        await backend.close();
      }
    },
  );
});

describe('createEmbedded failures', () => {
  it('reports a missing model file clearly from probe, describe and calls', async () => {
    const backend = createEmbedded({ id: 'missing', modelPath: '/nonexistent/model.gguf' });
    await expect(backend.probe()).resolves.toMatchObject({
      status: 'down',
      detail: 'model file not found: /nonexistent/model.gguf',
    });
    const describeError = await callError(backend.describe());
    expect(describeError.code).toBe('model-not-found');
    const error = await callError(backend.doGenerate({ request: chat('x'), model: 'm' }));
    expect(error).toMatchObject({
      code: 'model-not-found',
      phase: 'connect',
      backend: 'missing',
      isRetryable: false,
    });
    expect(error.message).toBe('Embedded model file not found: /nonexistent/model.gguf (settings.modelPath)');
    await backend.close();
  });

  it('refuses calls after close', async () => {
    const backend = createEmbedded({ modelPath: testModels.tinyChatml, contextSize: 256 });
    await backend.warmUp();
    await backend.close();
    const error = await callError(backend.doGenerate({ request: chat('x'), model: 'm' }));
    expect(error).toMatchObject({ code: 'unavailable', isRetryable: false });
    await expect(backend.probe()).resolves.toMatchObject({ status: 'down', detail: 'backend closed' });
  });

  it('close() stops a running stream with code unavailable and frees the model', async () => {
    const backend = createEmbedded({ modelPath: testModels.tinyChatml, contextSize: 512 });
    const result = await backend.doStream({
      request: chat('Write', { response_format: endlessString, max_tokens: 400 }),
      model: 'm',
    });
    const closed = backend.close();
    const error = await callError(
      (async () => {
        for await (const _part of result.stream) {
          // drain until the close interrupts generation
        }
      })(),
    );
    await closed;
    expect(error).toMatchObject({
      code: 'unavailable',
      phase: 'stream',
      message: "Embedded backend 'embedded' is closed",
    });
  });

  it('fails to load with an unknown chatTemplate, naming the valid ones', async () => {
    const backend = createEmbedded({ modelPath: testModels.tinyChatml, chatTemplate: 'nonsense' as 'auto' });
    const error = await callError(backend.doGenerate({ request: chat('x'), model: 'm' }));
    expect(error).toMatchObject({ code: 'unavailable', phase: 'connect', isRetryable: false });
    expect(error.message).toContain(
      "chatTemplate 'nonsense' is unknown; use 'auto', 'jinja', 'plain' or one of:",
    );
    expect(error.message).toContain('chatML');
    await expect(backend.probe()).resolves.toMatchObject({ status: 'down' });
    await backend.close();
  });

  it('rejects invalid settings at construction, naming each', () => {
    expect(() => createEmbedded({ modelPath: '', threads: 0, maxConcurrency: 1.5 })).toThrow(
      'Invalid embedded backend settings: modelPath: must be the path of a GGUF file; threads: must be a positive integer; maxConcurrency: must be a positive integer',
    );
  });
});
