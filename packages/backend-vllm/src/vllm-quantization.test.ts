import { describe, expect, it } from 'vitest';
import { quantizationFromCheckpointName } from './vllm-quantization.js';

describe('quantizationFromCheckpointName', () => {
  it.each([
    ['Qwen/Qwen2.5-7B-Instruct-AWQ', 'awq'],
    ['TheBloke/Llama-2-13B-chat-GPTQ', 'gptq'],
    ['neuralmagic/Meta-Llama-3.1-8B-Instruct-FP8', 'fp8'],
    ['RedHatAI/Llama-3.3-70B-Instruct-FP8-dynamic', 'fp8'],
    ['neuralmagic/Meta-Llama-3.1-70B-Instruct-quantized.w8a8', 'w8a8'],
    ['unsloth/llama-3-8b-bnb-4bit', 'bitsandbytes'],
    ['Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4', 'gptq'],
    ['/models/qwen2.5-7b-instruct-q4_k_m.gguf', 'Q4_K_M'],
    ['openai/gpt-oss-20b-mxfp4', 'mxfp4'],
    ['Qwen/Qwen2.5-7B-Instruct', undefined],
    ['meta-llama/Llama-3.1-8B-Instruct', undefined],
  ])('%s → %s', (name, expected) => {
    expect(quantizationFromCheckpointName(name)).toBe(expected);
  });
});
