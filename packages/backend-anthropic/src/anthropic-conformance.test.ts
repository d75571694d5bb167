import {
  type ConnectableEmulatorSubject,
  emulatorConformanceFaults,
  runBackendConformance,
  startAnthropicEmulator,
} from '@switchyard/testing';
import { createAnthropic } from './create-anthropic.js';

const apiKey = 'sk-ant-conformance-3e9d7b05c1';

runBackendConformance<ConnectableEmulatorSubject>('anthropic (Anthropic emulator)', {
  setup: async () => {
    const emulator = await startAnthropicEmulator({ apiKey });
    const connect = (settings: { apiKey?: string; baseUrl?: string }) =>
      createAnthropic({ apiKey: settings.apiKey ?? apiKey, baseUrl: settings.baseUrl ?? emulator.url });
    return { emulator, connect, backend: connect({}), model: 'claude-haiku-4-5', secrets: [apiKey] };
  },
  teardown: async (subject) => subject?.emulator.close(),
  capabilities: {
    tools: true,
    structuredOutput: true,
    usageInStream: true,
    deterministic: true,
    expectedText: 'Hello from anthropic emulator.',
    contextWindow: { skip: "Anthropic's GET /v1/models does not report context windows" },
  },
  faults: emulatorConformanceFaults({
    overloaded: { type: 'status', status: 529 },
    // 500 `api_error`: Anthropic's own failure, retried like an outage.
    unavailable: { type: 'status', status: 500 },
  }),
});
