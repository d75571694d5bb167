import type { BackendV1, ChatRequest } from '@switchyard/core';

/** A case that does not apply to a backend, and why (the reason goes into the skipped test's title). */
export type Skip = { readonly skip: string };

/** What the suite runs against: one adapter and the model name to send. */
export type ConformanceSubject = {
  readonly backend: BackendV1;
  /** The model name to send (`BackendCall.model`). */
  readonly model: string;
  /** Secrets the adapter sends (API keys): none may appear in any error's message, JSON or inspection. */
  readonly secrets?: readonly string[];
};

/**
 * The failures every adapter must classify, and the conditions the abort cases need. Each kind's
 * injector must make the **next** call fail the backend's own way (its status, its body):
 *
 * - `rate-limited`: HTTP 429 with `Retry-After: <retryAfterSeconds>` → code `rate-limited`,
 *   retryable, `retryAfterMs` = seconds × 1000, status 429.
 * - `overloaded`: the backend's "busy" answer (503, 529, a full queue, a KV-cache overflow) →
 *   `overloaded`, retryable.
 * - `unavailable`: the backend's "not ready / upstream down" answer → `unavailable`.
 * - `unauthorized`: a wrong key (return a `backend` built with it, and the key in `secrets`) →
 *   `unauthorized`, not retryable, and the key appears nowhere in the error.
 * - `context-length-exceeded`: a prompt larger than the window (return the `request`) →
 *   `context-length-exceeded`, not retryable.
 * - `model-not-found`: a model the server does not have (return the `model`) → `model-not-found`.
 * - `connection-refused`: nothing listening (return a `backend` pointed there) → `network`, phase
 *   `connect`, retryable.
 * - `connection-reset`: the socket is destroyed before a response → `network`, retryable.
 * - `server-gone`: a backend whose server has stopped (return it) → `probe()` answers `down`.
 * - `stream-cut`: the stream body ends after some content, without finish/terminator → the
 *   iterator throws, phase `stream`, code `network`, and no `finish` part is yielded.
 * - `stream-error`: the backend's error event inside a 200 stream → the iterator throws, phase
 *   `stream`, no `finish` part.
 * - `malformed-response`: a 200 whose JSON is cut → `invalid-output` (non-streaming: phase
 *   `headers`; streaming: the iterator throws, phase `stream`).
 * - `wrong-usage`: impossible usage numbers (negative, null) → the normalised usage is still
 *   finite, non-negative integers.
 * - `hang`: the server never answers → aborting the call rejects with `aborted`, promptly.
 * - `slow-stream`: a stream long or slow enough to abort in the middle (return the `request` when
 *   length comes from the request) → aborting after the first content chunk makes the iterator
 *   throw `aborted`, promptly.
 */
export type ConformanceFault =
  | 'rate-limited'
  | 'overloaded'
  | 'unavailable'
  | 'unauthorized'
  | 'context-length-exceeded'
  | 'model-not-found'
  | 'connection-refused'
  | 'connection-reset'
  | 'server-gone'
  | 'stream-cut'
  | 'stream-error'
  | 'malformed-response'
  | 'wrong-usage'
  | 'hang'
  | 'slow-stream';

/** Every fault kind, in the order the suite runs them. */
export const conformanceFaults: readonly ConformanceFault[] = [
  'rate-limited',
  'overloaded',
  'unavailable',
  'unauthorized',
  'context-length-exceeded',
  'model-not-found',
  'connection-refused',
  'connection-reset',
  'server-gone',
  'stream-cut',
  'stream-error',
  'malformed-response',
  'wrong-usage',
  'hang',
  'slow-stream',
];

/** How an injector changes the call that follows it (everything optional). */
export type FaultArrangement = {
  /** Call this backend instead of the subject's (a wrong key, a stopped server). */
  readonly backend?: BackendV1;
  /** Send this model name instead. */
  readonly model?: string;
  /** Send this request instead of the case's own (a prompt over the window, a long generation). */
  readonly request?: ChatRequest;
  /** More secrets that must not leak (a wrong key is still a key). */
  readonly secrets?: readonly string[];
  /** Runs after the call settled, even when the case failed (stops extra servers, awaits load). */
  readonly cleanup?: () => Promise<void>;
};

/** What an injector learns about the call it prepares. */
export type FaultCall = {
  /** Whether the next call is `doStream` (else `doGenerate`). */
  readonly stream: boolean;
  /** The `Retry-After` the `rate-limited` fault must send, in seconds. */
  readonly retryAfterSeconds: number;
  /** The request the case is about to send (a starting point for `request` overrides). */
  readonly request: ChatRequest;
};

/** Arms one fault for the next call (an emulator's `setFault`, a replay fetch's `setNext`…). */
export type FaultInjector<Subject extends ConformanceSubject> = (
  subject: Subject,
  call: FaultCall,
) => FaultArrangement | undefined | Promise<FaultArrangement | undefined>;

/** What a backend claims, each either supported or skipped with the reason. */
export type ConformanceCapabilities = {
  /** `tools` with a forced `tool_choice`: the call comes back as a tool call. */
  readonly tools: true | Skip;
  /** `response_format: json_schema`: the answer is JSON that validates against the schema. */
  readonly structuredOutput: true | Skip;
  /** Usage reported on streams too (the finish part's output tokens > 0). */
  readonly usageInStream: true | Skip;
  /**
   * The same request always gets the same answer (emulators, a fixed test model): the streamed
   * text must then equal the generated text.
   */
  readonly deterministic: true | Skip;
  /** The exact answer text to the suite's plain text request, when known. */
  readonly expectedText?: string;
  /** The context window `describe()` must report for the model, when the server tells it. */
  readonly contextWindow?: number | Skip;
};

/**
 * Settings of {@link runBackendConformance}. The shape of the suite (which cases run, which are
 * skipped and why) is fixed when the test file loads; `setup` runs in `beforeAll`.
 */
export type BackendConformanceOptions<Subject extends ConformanceSubject> = {
  /** Starts whatever the backend talks to and builds the adapter. */
  readonly setup: () => Promise<Subject>;
  /** Stops it all (runs in `afterAll`, also when setup half failed and returned nothing). */
  readonly teardown?: (subject: Subject | undefined) => Promise<void>;
  readonly capabilities: ConformanceCapabilities;
  /** One injector per fault kind, or a skip with the reason the fault does not apply. */
  readonly faults: { readonly [Kind in ConformanceFault]: FaultInjector<Subject> | Skip };
  /** The longest wait allowed between an abort and the rejection it causes, in ms (default 2000). */
  readonly abortDeadlineMs?: number;
  /** Skips the whole suite with this reason (e.g. the server binary is not built here). */
  readonly skip?: string;
};

/**
 * Whether a capability or fault entry is a skip.
 *
 * @example
 * if (isSkip(options.capabilities.tools)) console.log(options.capabilities.tools.skip);
 */
export function isSkip(value: unknown): value is Skip {
  return typeof value === 'object' && value !== null && typeof (value as Skip).skip === 'string';
}
