import { join } from 'node:path';
import type { ChatRequest } from '@switchyard/core';
import { type ConformanceSubject, runBackendConformance } from '@switchyard/testing';
import { testModels } from './__fixtures__/test-models.js';
import { createEmbedded, type EmbeddedBackend } from './index.js';

const contextSize = 512;
const missingModel = join(testModels.tinyChatml, '..', 'no-such-model.gguf');
const inProcess = (what: string) => ({ skip: `in-process backend: ${what}` });

/**
 * Inside a JSON string tiny-chatml never reaches its end-of-turn token, so it writes until
 * max_tokens: a generation long enough to abort in the middle.
 */
const endlessString: ChatRequest['response_format'] = {
  type: 'json_schema',
  json_schema: { name: 'endless', schema: { type: 'object', properties: { text: { type: 'string' } } } },
};

type EmbeddedSubject = ConformanceSubject & { readonly backend: EmbeddedBackend };

runBackendConformance<EmbeddedSubject>('embedded (node-llama-cpp, tiny-chatml)', {
  setup: async () => {
    const backend = createEmbedded({ id: 'embedded', modelPath: testModels.tinyChatml, contextSize });
    return { backend, model: 'tiny-chatml' };
  },
  teardown: async (subject) => subject?.backend.close(),
  capabilities: {
    tools: {
      skip: 'the embedded backend has no tool calling: a request with tools fails with code unsupported',
    },
    structuredOutput: true,
    usageInStream: true,
    deterministic: true,
    expectedText: 'Hello! I am a tiny test model.',
    contextWindow: contextSize,
  },
  faults: {
    'rate-limited': inProcess('nothing rate-limits a call'),
    overloaded: inProcess('extra calls wait for a free context sequence; nothing refuses work for load'),
    // A closed backend refuses every call with `unavailable`.
    unavailable: async () => {
      const closed = createEmbedded({ id: 'embedded', modelPath: testModels.tinyChatml, contextSize });
      await closed.close();
      return { backend: closed };
    },
    unauthorized: inProcess('there is no API key'),
    'context-length-exceeded': (_subject, call) => ({
      request: {
        ...call.request,
        messages: [{ role: 'user', content: 'The quick brown fox jumps over the lazy dog. '.repeat(40) }],
      },
    }),
    'model-not-found': () => {
      const backend = createEmbedded({ id: 'embedded', modelPath: missingModel });
      return { backend, cleanup: () => backend.close() };
    },
    'connection-refused': inProcess('there is no connection'),
    'connection-reset': inProcess('there is no connection'),
    'server-gone': () => {
      const backend = createEmbedded({ id: 'embedded', modelPath: missingModel });
      return { backend, cleanup: () => backend.close() };
    },
    'stream-cut': inProcess('there is no wire to cut'),
    'stream-error': inProcess('there is no wire format to carry an error event'),
    'malformed-response': inProcess('there is no wire format to corrupt'),
    'wrong-usage': inProcess('usage is counted from the tokens generated, never reported by a server'),
    hang: inProcess(
      'no server to hang; tiny-chatml answers within milliseconds, so a queued call cannot be held reliably',
    ),
    'slow-stream': (_subject, call) => ({
      request: { ...call.request, response_format: endlessString, max_tokens: contextSize - 64 },
    }),
  },
});
