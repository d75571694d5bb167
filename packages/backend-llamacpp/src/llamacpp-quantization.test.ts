import { describe, expect, it } from 'vitest';
import { quantizationFromFileName, quantizationFromFtype } from './llamacpp-quantization.js';

describe('quantizationFromFileName', () => {
  it.each([
    ['Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf', 'Q4_K_M'],
    ['/models/qwen2.5-14b-instruct-q5_k_s.gguf', 'Q5_K_S'],
    ['llama-2-7b.Q8_0.gguf', 'Q8_0'],
    ['tinyllama-1.1b-chat-v1.0.Q4_0.gguf', 'Q4_0'],
    ['gemma-2-2b-it-IQ4_XS.gguf', 'IQ4_XS'],
    ['Qwen2.5-72B-Instruct-Q4_K_M-00001-of-00002.gguf', 'Q4_K_M'],
    ['phi-3-mini-4k-instruct-fp16.gguf', 'F16'],
    ['C:\\models\\Mistral-7B-Instruct-v0.3-BF16.gguf', 'BF16'],
    ['Qwen3-30B-A3B-UD-Q4_K_XL.gguf', 'Q4_K_XL'],
    ['tiny-chatml.gguf', undefined],
    ['qwen-local', undefined],
    [undefined, undefined],
  ])('%s → %s', (name, expected) => {
    expect(quantizationFromFileName(name)).toBe(expected);
  });
});

describe('quantizationFromFtype', () => {
  it.each([
    ['all F32', 'F32'],
    ['(guessed) all F32', 'F32'],
    ['F16', 'F16'],
    ['Q4_K - Medium', 'Q4_K_M'],
    ['Q5_K - Small', 'Q5_K_S'],
    ['Q3_K - Large', 'Q3_K_L'],
    ['Q8_0', 'Q8_0'],
    ['IQ2_XXS - 2.0625 bpw', 'IQ2_XXS'],
    ['MXFP4 MoE', 'MXFP4'],
    [7, undefined],
  ])('%s → %s', (ftype, expected) => {
    expect(quantizationFromFtype(ftype)).toBe(expected);
  });
});
