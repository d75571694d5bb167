import type { BackendV1, ChatRequest } from '@switchyard/core';
import { estimateTokens } from '../emulator/estimate-tokens.js';
import type { Fault } from '../emulator/fault.js';
import type { BackendConformanceOptions, FaultInjector, Skip } from './backend-conformance-options.js';
import { type EmulatorSubject, emulatorFault } from './emulator-fault.js';
import { unusedLocalUrl } from './unused-local-url.js';

/** An emulator subject that can build its adapter again with another key or server address. */
export type ConnectableEmulatorSubject = EmulatorSubject & {
  /**
   * The subject's adapter with settings changed: `apiKey` replaces the key, `baseUrl` the
   * server root (`http://127.0.0.1:PORT`, without any API path).
   */
  readonly connect: (settings: { readonly apiKey?: string; readonly baseUrl?: string }) => BackendV1;
};

/** A fault entry in {@link emulatorConformanceFaults} overrides: an emulator fault, an injector, or a skip. */
export type EmulatorFaultEntry<Subject extends ConnectableEmulatorSubject> =
  | Fault
  | FaultInjector<Subject>
  | Skip;

/** A key the emulators never accept. */
export const wrongApiKey = 'sk-wrong-conformance-0d5e8b13';

/**
 * The fault injectors for an emulator-backed adapter, with each backend's differences given as
 * overrides (its busy and not-ready answers, a fault it has no equivalent for as a skip):
 *
 * | fault | default |
 * |---|---|
 * | `rate-limited` | 429 with `Retry-After` |
 * | `overloaded` | 503 |
 * | `unavailable` | 502 |
 * | `unauthorized` | the adapter with {@link wrongApiKey} |
 * | `context-length-exceeded` | a prompt 2 000 tokens over the model's window |
 * | `model-not-found` | model `no-such-model` |
 * | `connection-refused`, `server-gone` | the adapter pointed at a port nothing listens on |
 * | `connection-reset` | `reset` |
 * | `stream-cut` | `cut-stream` after 2 chunks |
 * | `stream-error` | `stream-error` after 1 chunk |
 * | `malformed-response` | `malformed-json` after 1 chunk |
 * | `wrong-usage`, `hang` | the emulator fault of that name |
 * | `slow-stream` | `slow-stream`, 50 ms between frames |
 *
 * @example
 * faults: emulatorConformanceFaults({ overloaded: { type: 'status', status: 529 } }),
 */
export function emulatorConformanceFaults<Subject extends ConnectableEmulatorSubject>(
  overrides: Partial<
    Record<keyof BackendConformanceOptions<Subject>['faults'], EmulatorFaultEntry<Subject>>
  > = {},
): BackendConformanceOptions<Subject>['faults'] {
  const gone: FaultInjector<Subject> = async (subject) => ({
    backend: subject.connect({ baseUrl: await unusedLocalUrl() }),
  });
  const defaults: BackendConformanceOptions<Subject>['faults'] = {
    'rate-limited': emulatorFault((call) => ({
      type: 'status',
      status: 429,
      retryAfter: call.retryAfterSeconds,
    })),
    overloaded: emulatorFault({ type: 'status', status: 503 }),
    unavailable: emulatorFault({ type: 'status', status: 502 }),
    unauthorized: (subject) => ({
      backend: subject.connect({ apiKey: wrongApiKey }),
      secrets: [wrongApiKey],
    }),
    'context-length-exceeded': (subject, call) => {
      const window = subject.emulator.models.find((model) => model.id === subject.model)?.contextWindow;
      if (window === undefined) throw new Error(`the emulator does not list a window for '${subject.model}'`);
      return { request: overflowRequest(call.request, window + 2000) };
    },
    'model-not-found': () => ({ model: 'no-such-model' }),
    'connection-refused': gone,
    'connection-reset': emulatorFault({ type: 'reset' }),
    'server-gone': gone,
    'stream-cut': emulatorFault({ type: 'cut-stream', afterChunks: 2 }),
    'stream-error': emulatorFault({ type: 'stream-error', afterChunks: 1 }),
    'malformed-response': emulatorFault({ type: 'malformed-json', afterChunks: 1 }),
    'wrong-usage': emulatorFault({ type: 'wrong-usage' }),
    hang: emulatorFault({ type: 'hang' }),
    'slow-stream': emulatorFault({ type: 'slow-stream', delayMs: 50 }),
  };
  const faults: Record<string, FaultInjector<Subject> | Skip> = { ...defaults };
  for (const [kind, entry] of Object.entries(overrides)) {
    if (entry === undefined) continue;
    faults[kind] = typeof entry === 'function' || 'skip' in entry ? entry : emulatorFault(entry);
  }
  return faults as BackendConformanceOptions<Subject>['faults'];
}

/**
 * `request` with its last user message grown to about `tokens` tokens (as the emulators count:
 * four characters a token).
 *
 * @example
 * overflowRequest(conformanceRequests.text('gpt-4o-mini'), 130_000);
 */
export function overflowRequest(request: ChatRequest, tokens: number): ChatRequest {
  const sentence = 'The quick brown fox jumps over the lazy dog. ';
  const text = sentence.repeat(Math.ceil((tokens * 4) / sentence.length));
  if (estimateTokens(text) < tokens) throw new Error('overflowRequest: text too short');
  return { ...request, messages: [...request.messages, { role: 'user', content: text }] };
}
