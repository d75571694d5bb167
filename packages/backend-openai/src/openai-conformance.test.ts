import {
  type ConnectableEmulatorSubject,
  emulatorConformanceFaults,
  runBackendConformance,
  startOpenAIEmulator,
  startOpenRouterEmulator,
} from '@switchyard/testing';
import { createOpenAI } from './create-openai.js';
import { createOpenAICompatible } from './create-openai-compatible.js';
import { createOpenRouter } from './create-openrouter.js';

const apiKey = 'sk-conformance-7f3a9c21e4b8d605';

runBackendConformance<ConnectableEmulatorSubject>('openai (OpenAI emulator)', {
  setup: async () => {
    const emulator = await startOpenAIEmulator({ apiKey });
    const connect = (settings: { apiKey?: string; baseUrl?: string }) =>
      createOpenAI({ apiKey: settings.apiKey ?? apiKey, baseUrl: `${settings.baseUrl ?? emulator.url}/v1` });
    return { emulator, connect, backend: connect({}), model: 'gpt-4o-mini', secrets: [apiKey] };
  },
  teardown: async (subject) => subject?.emulator.close(),
  capabilities: {
    tools: true,
    structuredOutput: true,
    usageInStream: true,
    deterministic: true,
    expectedText: 'Hello from openai emulator.',
    contextWindow: { skip: "OpenAI's GET /v1/models does not report context windows" },
  },
  faults: emulatorConformanceFaults({
    // OpenAI answers 502 from its edge when an upstream is down; 503 is `server_is_overloaded`.
    unavailable: { type: 'status', status: 502 },
  }),
});

runBackendConformance<ConnectableEmulatorSubject>('openrouter (OpenRouter emulator)', {
  setup: async () => {
    const emulator = await startOpenRouterEmulator({ apiKey });
    const connect = (settings: { apiKey?: string; baseUrl?: string }) =>
      createOpenRouter({
        apiKey: settings.apiKey ?? apiKey,
        baseUrl: `${settings.baseUrl ?? emulator.url}/api/v1`,
      });
    return {
      emulator,
      connect,
      backend: connect({}),
      model: 'meta-llama/llama-3.1-8b-instruct',
      secrets: [apiKey],
    };
  },
  teardown: async (subject) => subject?.emulator.close(),
  capabilities: {
    tools: true,
    structuredOutput: true,
    usageInStream: true,
    deterministic: true,
    expectedText: 'Hello from openrouter emulator.',
    contextWindow: 131_072,
  },
  faults: emulatorConformanceFaults({
    overloaded: {
      skip: 'OpenRouter has no busy answer of its own: a saturated provider comes back as 429 (rate-limited) or 502 (unavailable)',
    },
    // 502: the chosen provider is down. (503 means no provider matches the routing preferences: unsupported.)
    unavailable: { type: 'status', status: 502 },
  }),
});

runBackendConformance<ConnectableEmulatorSubject>('openai-compatible (OpenAI emulator)', {
  setup: async () => {
    const emulator = await startOpenAIEmulator({ apiKey });
    const connect = (settings: { apiKey?: string; baseUrl?: string }) =>
      createOpenAICompatible({
        id: 'lm-server',
        apiKey: settings.apiKey ?? apiKey,
        baseUrl: `${settings.baseUrl ?? emulator.url}/v1`,
      });
    return { emulator, connect, backend: connect({}), model: 'gpt-4o-mini', secrets: [apiKey] };
  },
  teardown: async (subject) => subject?.emulator.close(),
  capabilities: {
    tools: true,
    structuredOutput: true,
    usageInStream: true,
    deterministic: true,
    expectedText: 'Hello from openai emulator.',
    contextWindow: { skip: "the OpenAI emulator's GET /v1/models, like OpenAI's, reports no context window" },
  },
  faults: emulatorConformanceFaults({ unavailable: { type: 'status', status: 502 } }),
});
