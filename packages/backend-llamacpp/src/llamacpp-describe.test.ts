import { describe, expect, it } from 'vitest';
import { fixtureFetch, loadFixture } from '../../backend-kit/src/__fixtures__/fixture-fetch.js';
import { createLlamaCpp } from './create-llamacpp.js';
import { formatParameterCount } from './llamacpp-describe.js';

const fixtures = new URL('./__fixtures__/', import.meta.url);

describe('llama.cpp describe()', () => {
  it('reads the observed /v1/models and /props into one model description', async () => {
    const fake = fixtureFetch({
      'GET /v1/models': loadFixture(fixtures, 'llamacpp-models'),
      'GET /props': loadFixture(fixtures, 'llamacpp-props'),
    });
    const description = await createLlamaCpp({
      id: 'gpu-box',
      baseUrl: 'http://127.0.0.1:18080',
      fetch: fake.fetch,
    }).describe();
    expect(description).toEqual({
      backend: 'gpu-box',
      kind: 'llamacpp',
      models: [
        {
          id: 'tiny-chatml.gguf',
          contextWindow: 2048,
          quantization: 'F32',
          capabilities: { contextWindow: 2048, tools: false, structuredOutput: 'native', vision: false },
          loaded: true,
          sizeBytes: 972544,
          parameterSize: '243K',
          slots: 4,
          trainedContextWindow: 4096,
          fileType: 'all F32',
          modelPath: 'tiny-chatml.gguf',
        },
      ],
    });
    expect(fake.calls.map((call) => call.url).sort()).toEqual([
      'http://127.0.0.1:18080/props',
      'http://127.0.0.1:18080/v1/models',
    ]);
  });

  it('takes the quantization from the GGUF file name and still answers when /props is missing (old build)', async () => {
    const fake = fixtureFetch({
      'GET /v1/models': loadFixture(fixtures, 'llamacpp-models-old-build'),
      'GET /props': loadFixture(fixtures, 'llamacpp-error-not-found'),
    });
    const { models } = await createLlamaCpp({ fetch: fake.fetch }).describe();
    expect(models).toEqual([
      {
        id: '/models/Qwen2.5-7B-Instruct-Q4_K_M.gguf',
        quantization: 'Q4_K_M',
        capabilities: { structuredOutput: 'native' },
        loaded: true,
        sizeBytes: 4677120000,
        parameterSize: '7.6B',
        trainedContextWindow: 32768,
      },
    ]);
  });

  it('prefers the file name in model_path when an --alias hides it', async () => {
    const props = loadFixture(fixtures, 'llamacpp-props');
    const body = {
      ...(props.body as Record<string, unknown>),
      model_alias: 'qwen',
      model_path: '/m/qwen2.5-14b-instruct-q5_k_s.gguf',
      model_ftype: 'Q5_K - Small',
    };
    const fake = fixtureFetch({
      'GET /v1/models': {
        body: {
          object: 'list',
          data: [{ id: 'qwen', object: 'model', meta: { n_ctx: 8192, ftype: 'Q5_K - Small' } }],
        },
      },
      'GET /props': { body },
    });
    const { models } = await createLlamaCpp({ fetch: fake.fetch }).describe();
    expect(models[0]).toMatchObject({ id: 'qwen', quantization: 'Q5_K_S', contextWindow: 2048 });
  });

  it('throws the /v1/models error when both endpoints fail', async () => {
    const fake = fixtureFetch({
      'GET /v1/models': loadFixture(fixtures, 'llamacpp-error-auth'),
      'GET /props': loadFixture(fixtures, 'llamacpp-error-auth'),
    });
    await expect(createLlamaCpp({ fetch: fake.fetch }).describe()).rejects.toMatchObject({
      code: 'unauthorized',
      status: 401,
    });
  });

  it.each([
    [8_030_261_248, '8.0B'],
    [7_615_616_512, '7.6B'],
    [124_000_000, '124.0M'],
    [243_136, '243K'],
  ])('formats %d parameters as %s', (count, expected) => {
    expect(formatParameterCount(count)).toBe(expected);
  });
});
