import { describe, expect, it } from 'vitest';
import { ollamaUrlFromEnvironment } from './ollama-url-from-environment.js';

describe('ollamaUrlFromEnvironment', () => {
  it.each([
    [undefined, undefined],
    ['  ', undefined],
    ['gpu-box', 'http://gpu-box:11434'],
    ['127.0.0.1:9', 'http://127.0.0.1:9'],
    ['http://10.0.0.5:11500/', 'http://10.0.0.5:11500'],
    ['https://ollama.internal', 'https://ollama.internal:11434'],
    ['0.0.0.0', 'http://0.0.0.0:11434'],
  ])('OLLAMA_HOST=%j → %j', (value, expected) => {
    expect(ollamaUrlFromEnvironment({ OLLAMA_HOST: value })).toBe(expected);
  });
});
