import {
  type ConnectableEmulatorSubject,
  emulatorConformanceFaults,
  runBackendConformance,
  startVllmEmulator,
} from '@switchyard/testing';
import { createVllm } from './create-vllm.js';

const apiKey = 'vllm-conformance-key-5b2e91c7';

runBackendConformance<ConnectableEmulatorSubject>('vllm (vLLM emulator)', {
  setup: async () => {
    const emulator = await startVllmEmulator({ apiKey });
    const connect = (settings: { apiKey?: string; baseUrl?: string }) =>
      createVllm({ apiKey: settings.apiKey ?? apiKey, baseUrl: settings.baseUrl ?? emulator.url });
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
    expectedText: 'Hello from vllm emulator.',
    contextWindow: 8192,
  },
  faults: emulatorConformanceFaults({
    'rate-limited': { skip: 'vLLM has no rate limiter: it never answers 429' },
    overloaded: {
      skip: 'vLLM never refuses work for load: requests wait in its scheduler queue (vllm:num_requests_waiting)',
    },
    // A dead engine answers 500 with type EngineDeadError; the emulator's status fault cannot set the
    // type, so the exception name leads the message as vLLM logs it.
    unavailable: {
      type: 'status',
      status: 500,
      message:
        'EngineDeadError: EngineCore encountered an issue. See stack trace (above) for the root cause.',
    },
  }),
});
