import {
  type ConnectableEmulatorSubject,
  emulatorConformanceFaults,
  overflowRequest,
  runBackendConformance,
  startOllamaEmulator,
} from '@switchyard/testing';
import { createOllama } from './create-ollama.js';

// Ollama itself has no keys; a reverse proxy (or Ollama's cloud) checks a bearer token.
const apiKey = 'ollama-proxy-token-6c0f2a9e41';

runBackendConformance<ConnectableEmulatorSubject>('ollama (Ollama emulator)', {
  setup: async () => {
    const emulator = await startOllamaEmulator({
      apiKey,
      // Ollama has no tool_choice (the adapter sends only the named tool and warns): the model
      // decides. This model calls the one tool it is offered, with schema-valid arguments.
      responder: (input) =>
        input.tools.length === 1 ? { toolCalls: [{ name: input.tools[0]?.name ?? '' }] } : undefined,
    });
    const connect = (settings: { apiKey?: string; baseUrl?: string }) =>
      createOllama({ apiKey: settings.apiKey ?? apiKey, baseUrl: settings.baseUrl ?? emulator.url });
    return { emulator, connect, backend: connect({}), model: 'llama3.1:8b', secrets: [apiKey] };
  },
  teardown: async (subject) => subject?.emulator.close(),
  capabilities: {
    tools: true,
    structuredOutput: true,
    usageInStream: true,
    deterministic: true,
    expectedText: 'Hello from ollama emulator.',
    contextWindow: 4096,
  },
  faults: emulatorConformanceFaults({
    // 502: a cloud model is unreachable. (A 500 — the runner crashed — is unavailable too.)
    unavailable: { type: 'status', status: 502 },
    // Ollama silently truncates an over-long prompt unless `truncate: false` is sent, which
    // turns the overflow into an error the router can re-route on.
    'context-length-exceeded': (subject, call) => ({
      backend: createOllama({ apiKey, baseUrl: subject.emulator.url, truncate: false }),
      request: overflowRequest(call.request, 6000),
    }),
  }),
});
