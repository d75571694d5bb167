import { parseConfig, type SwitchyardConfig } from '@switchyard/core';

/** The policy list of the built-in bench config: the default order. */
export const defaultBenchPolicies = `policies:
  - routing-table
  - privacy
  - modality
  - context-fit
  - tool-depth
  - structured-output
  - health
  - quantization
  - cost
  - tiering
`;

/**
 * A complete config with the bench's two targets — a local tier-1 model standing in for the weak
 * model (Mixtral-8x7B in RouteLLM's data) on one rented 48 GB GPU, and gpt-4o as the strong cloud
 * model — and the given policy list (YAML, starting with \`policies:\`).
 *
 * @example
 * const text = benchConfigText({ header: '# my config', policies: defaultBenchPolicies });
 */
export function benchConfigText(parts: { readonly header: string; readonly policies: string }): string {
  return `${parts.header.trimEnd()}

version: 1

backends:
  local:
    kind: llamacpp
    baseUrl: \${LLAMACPP_URL:-http://127.0.0.1:8080}
  openai:
    kind: openai
    apiKeyEnv: OPENAI_API_KEY

targets:
  # The weak side: an open-weight model on your own GPU. Its cost is GPU time, not zero:
  # an L40S-class 48 GB GPU at about $0.90/h, Mixtral-8x7B Q4_K_M at about 55 tokens/s.
  - id: local-mixtral-8x7b-q4
    backend: local
    model: mixtral-8x7b-instruct
    quantization: Q4_K_M
    tier: 1
    capabilities: { contextWindow: 32768, maxOutputTokens: 8192, tools: true, structuredOutput: native, vision: false }
    price:
      gpuHourly: { usdPerHour: 0.9, expectedOutputTokensPerSecond: 55, expectedPromptTokensPerSecond: 1500 }
  # The strong side: a frontier cloud model, at list price (USD per 1M tokens; check current prices).
  - id: openai-gpt-4o
    backend: openai
    model: gpt-4o
    tier: 3
    capabilities: { contextWindow: 128000, maxOutputTokens: 16384, tools: true, structuredOutput: native, vision: true }
    price:
      perToken: { input: 2.5, output: 10, cachedInput: 1.25 }

${parts.policies.trimEnd()}

metering:
  baselineTarget: openai-gpt-4o
`;
}

/**
 * The config the quality bench uses without \`--config\`: the bench's two targets and the default
 * policy order.
 *
 * @example
 * const config = defaultBenchConfig();
 */
export function defaultBenchConfig(): SwitchyardConfig {
  return parseConfig(
    benchConfigText({ header: '# Built-in quality-bench config.', policies: defaultBenchPolicies }),
    { source: 'built-in bench config', env: {} },
  );
}
