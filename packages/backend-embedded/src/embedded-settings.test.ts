import { describe, expect, it } from 'vitest';
import { resolveEmbeddedSettings } from './embedded-settings.js';

describe('resolveEmbeddedSettings', () => {
  it('applies the defaults', () => {
    expect(resolveEmbeddedSettings({ modelPath: 'models/tiny-chatml.gguf' })).toEqual({
      id: 'embedded',
      modelPath: 'models/tiny-chatml.gguf',
      contextSize: undefined,
      threads: 1,
      gpu: false,
      chatTemplate: 'auto',
      maxConcurrency: 1,
      defaultTemperature: 0.8,
    });
  });

  it.each([
    {
      name: 'an empty model path',
      settings: { modelPath: ' ' },
      issue: 'modelPath: must be the path of a GGUF file',
    },
    {
      name: 'zero threads',
      settings: { modelPath: 'm', threads: 0 },
      issue: 'threads: must be a positive integer',
    },
    {
      name: 'a fractional context',
      settings: { modelPath: 'm', contextSize: 10.5 },
      issue: 'contextSize: must be a positive integer',
    },
    {
      name: 'no concurrency',
      settings: { modelPath: 'm', maxConcurrency: 0 },
      issue: 'maxConcurrency: must be a positive integer',
    },
    {
      name: 'a hot temperature',
      settings: { modelPath: 'm', defaultTemperature: 3 },
      issue: 'defaultTemperature: must be between 0 and 2',
    },
  ])('rejects $name', ({ settings, issue }) => {
    expect(() => resolveEmbeddedSettings(settings)).toThrow(expect.objectContaining({ issues: [issue] }));
  });
});
