import type { RoutingTable, Target } from '@switchyard/core';

/**
 * A realistic deployment: two models on a local Ollama host, a Qwen GGUF on llama.cpp, and three
 * cloud targets (OpenAI, Anthropic, OpenRouter). Prices: local GPUs by the hour, cloud per token.
 */
export const realisticTargets: readonly Target[] = [
  {
    id: 'ollama-llama3.1-8b',
    backend: 'ollama',
    kind: 'ollama',
    model: 'llama3.1:8b',
    quantization: 'Q4_K_M',
    tier: 1,
    locality: 'local',
    capabilities: { contextWindow: 131_072, tools: true, structuredOutput: 'native', vision: false },
    memoryGb: 4.9,
    price: {
      type: 'gpu-hourly',
      gpuHourlyUsd: 0.35,
      expectedOutputTokensPerSecond: 60,
      expectedPromptTokensPerSecond: 1500,
    },
    timeoutMs: 60_000,
    maxConcurrency: 2,
  },
  {
    id: 'ollama-llama3.3-70b-q8',
    backend: 'ollama',
    kind: 'ollama',
    model: 'llama3.3:70b-instruct-q8_0',
    quantization: 'Q8_0',
    tier: 2,
    locality: 'local',
    capabilities: { contextWindow: 131_072, tools: true, structuredOutput: 'native', vision: false },
    memoryGb: 75,
    price: {
      type: 'gpu-hourly',
      gpuHourlyUsd: 2.2,
      expectedOutputTokensPerSecond: 12,
      expectedPromptTokensPerSecond: 400,
    },
    timeoutMs: 120_000,
  },
  {
    id: 'llamacpp-qwen2.5-14b-q4',
    backend: 'llamacpp',
    kind: 'llamacpp',
    model: 'qwen2.5-14b-instruct-q4_k_m',
    quantization: 'Q4_K_M',
    tier: 1,
    locality: 'local',
    capabilities: { contextWindow: 32_768, tools: true, structuredOutput: 'native', vision: false },
    memoryGb: 9,
    price: {
      type: 'gpu-hourly',
      gpuHourlyUsd: 0.35,
      expectedOutputTokensPerSecond: 35,
      expectedPromptTokensPerSecond: 1200,
    },
  },
  {
    id: 'openai-gpt-4o',
    backend: 'openai',
    kind: 'openai',
    model: 'gpt-4o',
    quantization: null,
    tier: 3,
    locality: 'cloud',
    capabilities: {
      contextWindow: 128_000,
      maxOutputTokens: 16_384,
      tools: true,
      structuredOutput: 'native',
      vision: true,
    },
    price: { type: 'per-token', inputPerMillionUsd: 2.5, outputPerMillionUsd: 10 },
  },
  {
    id: 'anthropic-claude-sonnet',
    backend: 'anthropic',
    kind: 'anthropic',
    model: 'claude-sonnet-4-5',
    quantization: null,
    tier: 3,
    locality: 'cloud',
    capabilities: {
      contextWindow: 200_000,
      maxOutputTokens: 64_000,
      tools: true,
      structuredOutput: 'json-mode',
      vision: true,
    },
    price: { type: 'per-token', inputPerMillionUsd: 3, outputPerMillionUsd: 15 },
  },
  {
    id: 'openrouter-gpt-4o-mini',
    backend: 'openrouter',
    kind: 'openrouter',
    model: 'openai/gpt-4o-mini',
    quantization: null,
    tier: 3,
    locality: 'cloud',
    capabilities: {
      contextWindow: 128_000,
      maxOutputTokens: 16_384,
      tools: true,
      structuredOutput: 'native',
      vision: true,
    },
    price: { type: 'per-token', inputPerMillionUsd: 0.15, outputPerMillionUsd: 0.6 },
  },
];

/** `local/qwen2.5-14b` → llama.cpp Qwen, falling back to the same model on OpenRouter; premium names. */
export const realisticRoutingTable: RoutingTable = {
  aliases: [
    {
      alias: 'local/qwen2.5-14b',
      primary: { target: 'llamacpp-qwen2.5-14b-q4', timeoutMs: 60_000 },
      fallbacks: [
        { target: 'openrouter-gpt-4o-mini', model: 'qwen/qwen-2.5-14b-instruct', timeoutMs: 30_000 },
      ],
    },
  ],
  premium: ['gpt-4o', 'anthropic/*', 'claude-*'],
};
