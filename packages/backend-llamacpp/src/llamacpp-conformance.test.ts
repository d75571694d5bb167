import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ChatRequest } from '@switchyard/core';
import {
  type ConformanceSubject,
  createReplayFetch,
  type FaultInjector,
  fetchFailure,
  type LlamaServer,
  locateLlamaServer,
  type ReplayFetch,
  type ReplayResponse,
  type ReplayRoute,
  runBackendConformance,
  startLlamaServer,
  unusedLocalUrl,
  wrongApiKey,
} from '@switchyard/testing';
import { createLlamaCpp, type LlamaCppBackend } from './create-llamacpp.js';

const apiKey = 'llama-conformance-key-a83f0c5d';
const modelPath = fileURLToPath(new URL('../../../models/tiny-chatml.gguf', import.meta.url));
const tinyAnswer = 'Hello! I am a tiny test model.';
const noToolsSkip = {
  skip: "tiny-chatml's chat template has no tool support (chat_template_caps.supports_tools false): llama-server ignores `tools`",
};
const noRateLimitSkip = {
  skip: 'llama-server never answers 429: requests beyond the free slots wait in its queue (llamacpp-observed §7)',
};
const oneModelSkip = { skip: "llama-server serves one model and ignores the request's model name" };

// ---------------------------------------------------------------------------------------------
// 1. A real llama-server (scripts/build-llama-server.sh) serving tiny-chatml.
// ---------------------------------------------------------------------------------------------

type RealSubject = ConformanceSubject & {
  readonly server: LlamaServer;
  readonly backend: LlamaCppBackend;
  readonly connect: (settings: { apiKey?: string; baseUrl?: string }) => LlamaCppBackend;
  /** A user message of about 900 tokens: one fits the 2048-token KV cache, two together do not. */
  readonly halfWindowPrompt: string;
};

/**
 * The KV-cache overflow of llamacpp-observed §7, for real: 4 slots share one 2048-token KV cache
 * (`--kv-unified`); 6 requests of ~900 prompt + 600 forced output tokens each fit alone but not
 * two at a time, so every one fails — HTTP 500 "Context size has been exceeded.", or the same as
 * an error event inside a 200 stream. The case's own call is one of the six.
 */
const kvOverflow: FaultInjector<RealSubject> = (subject, call) => {
  const longTurn = (tag: string): ChatRequest => ({
    ...call.request,
    messages: [{ role: 'user', content: `${tag} ${subject.halfWindowPrompt}` }],
    max_tokens: 600,
    ignore_eos: true,
  });
  const load = Array.from({ length: 5 }, (_, index) =>
    fetch(`${subject.server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...longTurn(`load ${index}`), model: 'tiny-chatml' }),
    }).then((response) => response.text()),
  );
  return {
    request: longTurn('conformance'),
    cleanup: async () => {
      await Promise.allSettled(load);
    },
  };
};

const llamaServer = locateLlamaServer();

runBackendConformance<RealSubject>('llamacpp (real llama-server, tiny-chatml)', {
  ...(llamaServer.skipReason === undefined ? {} : { skip: llamaServer.skipReason }),
  setup: async () => {
    const server = await startLlamaServer({
      modelPath,
      ctx: 2048,
      parallel: 4,
      alias: 'tiny-chatml',
      extraArgs: ['--kv-unified', '--api-key', apiKey],
    });
    const connect = (settings: { apiKey?: string; baseUrl?: string }) =>
      createLlamaCpp({ apiKey: settings.apiKey ?? apiKey, baseUrl: settings.baseUrl ?? server.url });
    const backend = connect({});
    const halfWindowPrompt = 'The quick brown fox jumps over the lazy dog. '.repeat(27);
    const tokens = await backend.countTokens(halfWindowPrompt);
    if (tokens < 800 || tokens > 1000) {
      throw new Error(`the KV-overflow prompt should be about 900 tokens, the server counts ${tokens}`);
    }
    return { server, connect, backend, model: 'tiny-chatml', secrets: [apiKey], halfWindowPrompt };
  },
  teardown: async (subject) => subject?.server.stop(),
  capabilities: {
    tools: noToolsSkip,
    structuredOutput: true,
    usageInStream: true,
    deterministic: true,
    expectedText: tinyAnswer,
    contextWindow: 2048,
  },
  faults: {
    'rate-limited': noRateLimitSkip,
    overloaded: kvOverflow,
    unavailable: {
      skip: "'Loading model' (503) lasts ~20 ms of a tiny-chatml server's start, too short to hit reliably; see the recorded-fixture run",
    },
    unauthorized: (subject) => ({
      backend: subject.connect({ apiKey: wrongApiKey }),
      secrets: [wrongApiKey],
    }),
    'context-length-exceeded': (subject, call) => ({
      request: {
        ...call.request,
        messages: [{ role: 'user', content: subject.halfWindowPrompt.repeat(3) }],
      },
    }),
    'model-not-found': oneModelSkip,
    'connection-refused': async (subject) => ({
      backend: subject.connect({ baseUrl: await unusedLocalUrl() }),
    }),
    'connection-reset': {
      skip: 'a real llama-server cannot be made to reset a connection; see the recorded-fixture run',
    },
    'server-gone': async (subject) => {
      const gone = await startLlamaServer({ modelPath, ctx: 512, alias: 'tiny-chatml' });
      await gone.stop();
      return { backend: subject.connect({ baseUrl: gone.url }) };
    },
    'stream-cut': {
      skip: 'a real llama-server cannot be made to end a stream early; see the recorded-fixture run',
    },
    'stream-error': kvOverflow,
    'malformed-response': {
      skip: 'a real llama-server always sends valid JSON; see the recorded-fixture run',
    },
    'wrong-usage': { skip: 'a real llama-server reports true usage; see the recorded-fixture run' },
    hang: {
      skip: 'a real llama-server answers at once (a queued request waits < 0.5 s behind tiny-chatml); see the recorded-fixture run',
    },
    // Forced output: 1500 tokens take a few hundred ms, long enough to abort in the middle.
    'slow-stream': (_subject, call) => ({ request: { ...call.request, max_tokens: 1500, ignore_eos: true } }),
  },
});

// ---------------------------------------------------------------------------------------------
// 2. Recorded llama-server answers (src/__fixtures__) replayed through `fetch`, for the faults a
//    real server cannot be made to produce.
// ---------------------------------------------------------------------------------------------

type ReplaySubject = ConformanceSubject & {
  readonly replay: ReplayFetch;
  readonly connect: (settings: { apiKey?: string }) => LlamaCppBackend;
};

const fixtureDirectory = new URL('./__fixtures__/', import.meta.url);
const baseUrl = 'http://llama.test:8080';

function recorded(name: string): ReplayResponse {
  return JSON.parse(readFileSync(new URL(`${name}.json`, fixtureDirectory), 'utf8')) as ReplayResponse;
}

/** A recorded event stream as network chunks, one SSE event each. */
function recordedEvents(name: string): string[] {
  const text = readFileSync(new URL(`${name}.chunks.txt`, fixtureDirectory), 'utf8');
  return text
    .split('\n\n')
    .filter((event) => event.trim() !== '')
    .map((event) => `${event}\n\n`);
}

function eventStream(chunks: readonly string[], extra: Partial<ReplayResponse> = {}): ReplayResponse {
  return { status: 200, headers: { 'content-type': 'text/event-stream' }, chunks, ...extra };
}

const impossibleUsage = { prompt_tokens: -1, completion_tokens: null, total_tokens: -1 };

/**
 * Replays `response` (or the one chosen for a streaming / non-streaming call) for the next chat
 * call, or the next call to `path`; cleanup drops it if that call never came.
 */
function replayFault(
  response: ReplayResponse | ((stream: boolean) => ReplayResponse),
  path?: string,
): FaultInjector<ReplaySubject> {
  return (subject, call) => {
    subject.replay.setNext(typeof response === 'function' ? response(call.stream) : response, path);
    return { cleanup: async () => subject.replay.clearOverrides() };
  };
}

function chatRoute(): ReplayRoute {
  const text = recorded('llamacpp-text');
  const structured = recorded('llamacpp-structured');
  const stream = recordedEvents('llamacpp-stream');
  const unauthorized = recorded('llamacpp-error-auth');
  return (call) => {
    if (call.headers.authorization !== `Bearer ${apiKey}`) return unauthorized;
    const body = call.body as { stream?: boolean; response_format?: unknown };
    if (body.stream === true) return eventStream(stream);
    return body.response_format === undefined ? text : structured;
  };
}

function withUsage(response: ReplayResponse, usage: unknown): ReplayResponse {
  return { ...response, body: { ...(response.body as Record<string, unknown>), usage } };
}

function eventsWithUsage(events: readonly string[], usage: unknown): string[] {
  return events.map((event) => {
    const data = event.slice('data: '.length).trim();
    if (data === '[DONE]') return event;
    const payload = JSON.parse(data) as Record<string, unknown>;
    return payload.usage === undefined ? event : `data: ${JSON.stringify({ ...payload, usage })}\n\n`;
  });
}

runBackendConformance<ReplaySubject>('llamacpp (recorded llama-server answers)', {
  setup: async () => {
    const replay = createReplayFetch({
      'GET /health': recorded('llamacpp-health'),
      'GET /v1/models': recorded('llamacpp-models'),
      'GET /props': recorded('llamacpp-props'),
      'GET /slots': recorded('llamacpp-slots'),
      'POST /v1/chat/completions': chatRoute(),
    });
    const connect = (settings: { apiKey?: string }) =>
      createLlamaCpp({ apiKey: settings.apiKey ?? apiKey, baseUrl, fetch: replay.fetch });
    return { replay, connect, backend: connect({}), model: 'tiny-chatml.gguf', secrets: [apiKey] };
  },
  capabilities: {
    tools: noToolsSkip,
    structuredOutput: {
      skip: 'covered by the real llama-server run (there is no recorded structured-output stream to replay)',
    },
    usageInStream: true,
    deterministic: true,
    expectedText: tinyAnswer,
    contextWindow: 2048,
  },
  faults: {
    'rate-limited': noRateLimitSkip,
    overloaded: replayFault(recorded('llamacpp-error-kv-overflow')),
    unavailable: replayFault(recorded('llamacpp-error-loading')),
    unauthorized: (subject) => ({
      backend: subject.connect({ apiKey: wrongApiKey }),
      secrets: [wrongApiKey],
    }),
    'context-length-exceeded': replayFault(recorded('llamacpp-error-context')),
    'model-not-found': oneModelSkip,
    'connection-refused': replayFault({ error: fetchFailure('ECONNREFUSED') }),
    'connection-reset': replayFault({ error: fetchFailure('ECONNRESET') }),
    'server-gone': replayFault({ error: fetchFailure('ECONNREFUSED') }, '/health'),
    'stream-cut': replayFault(eventStream(recordedEvents('llamacpp-stream').slice(0, 4))),
    'stream-error': replayFault(eventStream(recordedEvents('llamacpp-stream-kv-overflow'))),
    'malformed-response': replayFault((stream) => {
      if (!stream) {
        const text = JSON.stringify(recorded('llamacpp-text').body);
        return { body: text.slice(0, Math.floor(text.length / 2)) };
      }
      const events = recordedEvents('llamacpp-stream');
      const broken = events.map((event, index) =>
        index === 2 ? `${event.slice(0, event.length / 2)}\n\n` : event,
      );
      return eventStream(broken);
    }),
    'wrong-usage': replayFault((stream) =>
      stream
        ? eventStream(eventsWithUsage(recordedEvents('llamacpp-stream'), impossibleUsage))
        : withUsage(recorded('llamacpp-text'), impossibleUsage),
    ),
    hang: replayFault({ hang: true }),
    'slow-stream': replayFault(eventStream(recordedEvents('llamacpp-stream'), { chunkDelayMs: 30 })),
  },
});
