import type { BackendKind } from '@switchyard/core';

/** A cloud provider the default config adds when its key variable is set. */
export type CloudProvider = {
  /** The variable holding the key (read by the adapter at each call). */
  readonly apiKeyEnv: string;
  readonly backend: string;
  readonly kind: BackendKind;
  /** Model names that go straight to this provider (`gpt-*`, `claude-*`). */
  readonly premium: readonly string[];
  /** Target entries, as the config file writes them (without `backend` and `tier`). */
  readonly targets: readonly ({ readonly id: string } & Record<string, unknown>)[];
};

/**
 * The cloud targets of the default config. Prices in USD per 1M tokens, as in
 * `examples/hybrid.yaml` (November 2026): gpt-4o and gpt-4o-mini from simonw/llm-prices
 * `data/openai.json`, matching OpenAI's pricing page; Claude Sonnet 5 from its model page on
 * platform.claude.com; OpenRouter passes OpenAI's price through for `openai/gpt-4o-mini` and
 * reports each call's real cost in `usage.cost`. Prices change: a config file states its own.
 *
 * @example
 * cloudProviders.filter((provider) => process.env[provider.apiKeyEnv]);
 */
export const cloudProviders: readonly CloudProvider[] = [
  {
    apiKeyEnv: 'OPENAI_API_KEY',
    backend: 'openai',
    kind: 'openai',
    premium: ['gpt-*'],
    targets: [
      {
        id: 'openai-gpt-4o-mini',
        model: 'gpt-4o-mini',
        capabilities: {
          contextWindow: 128_000,
          maxOutputTokens: 16_384,
          tools: true,
          structuredOutput: 'native',
          vision: true,
        },
        price: { perToken: { input: 0.15, output: 0.6, cachedInput: 0.075 } },
      },
      {
        id: 'openai-gpt-4o',
        model: 'gpt-4o',
        capabilities: {
          contextWindow: 128_000,
          maxOutputTokens: 16_384,
          tools: true,
          structuredOutput: 'native',
          vision: true,
        },
        price: { perToken: { input: 2.5, output: 10, cachedInput: 1.25 } },
      },
    ],
  },
  {
    apiKeyEnv: 'OPENROUTER_API_KEY',
    backend: 'openrouter',
    kind: 'openrouter',
    premium: [],
    targets: [
      {
        id: 'openrouter-gpt-4o-mini',
        model: 'openai/gpt-4o-mini',
        capabilities: {
          contextWindow: 128_000,
          maxOutputTokens: 16_384,
          tools: true,
          structuredOutput: 'native',
          vision: true,
        },
        price: { perToken: { input: 0.15, output: 0.6 } },
      },
    ],
  },
  {
    apiKeyEnv: 'ANTHROPIC_API_KEY',
    backend: 'anthropic',
    kind: 'anthropic',
    premium: ['claude-*'],
    targets: [
      {
        id: 'anthropic-claude-sonnet-5',
        model: 'claude-sonnet-5',
        capabilities: {
          contextWindow: 200_000,
          maxOutputTokens: 64_000,
          tools: true,
          structuredOutput: 'native',
          vision: true,
        },
        price: { perToken: { input: 2, output: 10, cachedInput: 0.2 } },
      },
    ],
  },
];
