import type { ChatRequest } from '../request/chat-request-schema.js';
import type { ChatCompletion, ChatCompletionChunk, FinishReason } from './chat-completion.js';
import type { BackendKind, TargetCapabilities } from './target.js';

/** Token usage in one normalised form, whatever the backend reported. */
export type NormalizedUsage = {
  /** All input tokens, cached ones included. */
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Input tokens served from a prompt cache (part of `inputTokens`). */
  readonly cachedInputTokens: number;
  /** Reasoning tokens (part of `outputTokens`). */
  readonly reasoningTokens: number;
  /** Cost the provider itself reported (OpenRouter `usage.cost`), in USD. */
  readonly providerCostUsd?: number;
};

/** Timing of one call, in milliseconds. Backend-reported figures are converted (Ollama: ns). */
export type CallTiming = {
  /** Wall clock from sending the request to the last byte. */
  readonly durationMs: number;
  /** Wall clock to the first content token (streams), when measured. */
  readonly timeToFirstTokenMs?: number;
  /** Prompt processing time as the backend reports it. */
  readonly promptMs?: number;
  /** Generation time as the backend reports it. */
  readonly generationMs?: number;
  /** Output tokens per second (backend figure when it gives one, else derived). */
  readonly outputTokensPerSecond?: number;
};

/** One call to a backend: the request as the caller sent it, and the model to ask for. */
export type BackendCall = {
  readonly request: ChatRequest;
  /** The model name to send (the route's mapped name). */
  readonly model: string;
  readonly signal?: AbortSignal;
  /** Extra headers for this call. */
  readonly headers?: Readonly<Record<string, string>>;
};

/** The result of a non-streaming call. */
export type BackendGenerateResult = {
  readonly completion: ChatCompletion;
  readonly usage: NormalizedUsage;
  readonly timing: CallTiming;
  /** Things the adapter changed or dropped to fit the backend (e.g. an unsupported field). */
  readonly warnings: readonly string[];
};

/**
 * One part of a normalised stream: OpenAI chunks as they arrive, then exactly one `finish` part
 * with usage and timing. A stream that ends without a finish reason, or carries an error event,
 * throws a `BackendCallError` (phase `stream`) from the iterator instead of finishing.
 */
export type StreamPart =
  | { readonly type: 'chunk'; readonly chunk: ChatCompletionChunk }
  | {
      readonly type: 'finish';
      readonly finishReason: FinishReason;
      readonly usage: NormalizedUsage;
      readonly timing: CallTiming;
    };

/** The result of a streaming call, available once the backend answered with headers. */
export type BackendStreamResult = {
  readonly stream: AsyncIterable<StreamPart>;
  readonly warnings: readonly string[];
};

/** What a server says about one of its models. */
export type ModelDescription = {
  readonly id: string;
  readonly contextWindow?: number;
  readonly quantization?: string | null;
  readonly capabilities?: Partial<TargetCapabilities>;
  /** Loaded in memory now (Ollama `/api/ps`, llama.cpp single model). */
  readonly loaded?: boolean;
  readonly sizeBytes?: number;
  readonly parameterSize?: string;
};

/** `describe()`: the models a server has, discovered from the server where it tells. */
export type BackendDescription = {
  readonly backend: string;
  readonly kind: BackendKind;
  readonly models: readonly ModelDescription[];
};

/** `probe()`: a cheap health check on the server's own free endpoint (never a billed call). */
export type ProbeResult = {
  readonly status: 'up' | 'loading' | 'down';
  readonly latencyMs: number;
  readonly detail?: string;
  /** Load figures where the server exposes them. */
  readonly load?: { readonly processing?: number; readonly queued?: number; readonly slots?: number };
};

/**
 * A backend adapter: a plain object with a versioned spec. Construction does no I/O; API keys are
 * read when a call is made. Adapters only classify errors (as `BackendCallError`); the executor
 * decides what to do about them.
 *
 * @example
 * const backend = createOllama({ baseUrl: 'http://127.0.0.1:11434' });
 * const { completion } = await backend.doGenerate({ request, model: 'llama3.1:8b' });
 */
export type BackendV1 = {
  readonly specificationVersion: 'v1';
  readonly id: string;
  readonly kind: BackendKind;
  describe(options?: { signal?: AbortSignal }): Promise<BackendDescription>;
  doGenerate(call: BackendCall): Promise<BackendGenerateResult>;
  doStream(call: BackendCall): Promise<BackendStreamResult>;
  probe(options?: { signal?: AbortSignal }): Promise<ProbeResult>;
  /** Loads the model and keeps it warm, where the backend supports it. */
  warmUp?(model: string, options?: { signal?: AbortSignal }): Promise<void>;
  /** Frees connections and in-process resources. */
  close?(): Promise<void>;
};
