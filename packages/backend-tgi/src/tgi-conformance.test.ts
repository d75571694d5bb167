import {
  type ConnectableEmulatorSubject,
  emulatorConformanceFaults,
  runBackendConformance,
  startTgiEmulator,
} from '@switchyard/testing';
import { createTgi } from './create-tgi.js';

const apiKey = 'hf_conformance7d41c9a2b6';

runBackendConformance<ConnectableEmulatorSubject>('tgi (TGI emulator)', {
  setup: async () => {
    const emulator = await startTgiEmulator({ apiKey });
    const connect = (settings: { apiKey?: string; baseUrl?: string }) =>
      createTgi({ apiKey: settings.apiKey ?? apiKey, baseUrl: settings.baseUrl ?? emulator.url });
    return {
      emulator,
      connect,
      backend: connect({}),
      model: 'meta-llama/Llama-3.1-8B-Instruct',
      secrets: [apiKey],
    };
  },
  teardown: async (subject) => subject?.emulator.close(),
  capabilities: {
    tools: true,
    structuredOutput: true,
    usageInStream: true,
    deterministic: true,
    expectedText: 'Hello from tgi emulator.',
    contextWindow: 8192,
  },
  faults: emulatorConformanceFaults({
    'rate-limited': {
      skip: "TGI has no rate limiter: its only 429 is `overloaded` (over --max-concurrent-requests), covered by 'overloaded'",
    },
    overloaded: { type: 'status', status: 429 },
    // 424 `generation`: a shard failed during generation.
    unavailable: { type: 'status', status: 424 },
    'model-not-found': {
      skip: 'TGI serves one model and accepts any model name (it is taken as a LoRA adapter id)',
    },
  }),
});
