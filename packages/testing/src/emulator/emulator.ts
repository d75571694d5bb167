import type { IncomingHttpHeaders } from 'node:http';
import type { Fault, FaultType } from './fault.js';
import type { Responder } from './responder.js';

/** The servers an emulator can stand in for. */
export type EmulatorKind = 'openai' | 'openrouter' | 'vllm' | 'tgi' | 'ollama' | 'anthropic';

/** One request as the emulator received it. */
export type RecordedRequest = {
  readonly method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  readonly path: string;
  /** The query string with its `?`, or `''`. */
  readonly search: string;
  /** Headers exactly as received (lower-case names), auth headers included. */
  readonly headers: IncomingHttpHeaders;
  /** The body as text. */
  readonly rawBody: string;
  /** The body parsed as JSON; `undefined` when empty or not valid JSON. */
  readonly body: unknown;
  /** The fault applied to this request, if one matched. */
  readonly fault: FaultType | undefined;
};

/** A model the emulator serves, with what its listing endpoints report. */
export type EmulatorModel = {
  readonly id: string;
  /** Context window in tokens (vLLM `max_model_len`, Ollama default `num_ctx`, …). */
  readonly contextWindow?: number;
  /** Quantization label (Ollama `details.quantization_level`, OpenRouter endpoint `quantization`). */
  readonly quantization?: string;
  /** Ollama `details.parameter_size`, e.g. `8.0B`. */
  readonly parameterSize?: string;
  /** Ollama `details.family`. */
  readonly family?: string;
  /** Size on disk in bytes (Ollama). */
  readonly sizeBytes?: number;
  /** Loaded in memory at start (Ollama `/api/ps`). */
  readonly loaded?: boolean;
  /** Ollama `capabilities` (default `completion`, `tools`). */
  readonly capabilities?: readonly string[];
  /** OpenRouter prices in USD per token, as decimal strings. */
  readonly pricing?: { readonly prompt: string; readonly completion: string };
  /** Anthropic `display_name`. */
  readonly displayName?: string;
};

/** Settings every emulator takes. */
export type EmulatorOptions = {
  /** Text of the default reply (default `Hello from <kind> emulator.`). */
  readonly replyText?: string;
  /** When set, requests must carry this key (each backend's own header) or get a 401. */
  readonly apiKey?: string;
  /**
   * Context window in tokens: replaces the default models' windows, and applies to configured
   * models that do not set their own (default per backend).
   */
  readonly contextWindow?: number;
  /** Models served (default per backend). Unknown model names get each backend's 404. */
  readonly models?: readonly (string | EmulatorModel)[];
  /** Decides replies; return `undefined` for the default reply. */
  readonly responder?: Responder;
  /** Faults armed from the start (same as calling `setFault` for each). */
  readonly faults?: readonly Fault[];
};

/**
 * A running emulator on `127.0.0.1` with a random port.
 *
 * @example
 * const emulator = await startVllmEmulator();
 * emulator.setFault({ type: 'status', status: 503, retryAfter: 2 });
 * const response = await fetch(`${emulator.url}/v1/chat/completions`, { method: 'POST', body });
 * await emulator.close();
 */
export type Emulator = {
  readonly kind: EmulatorKind;
  /** Server root, e.g. `http://127.0.0.1:40123` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Every request received, in order (live array). */
  readonly requests: RecordedRequest[];
  /** Errors thrown inside the emulator's own handlers (a bug in a responder, for example). */
  readonly errors: Error[];
  /** The models served, after defaults were applied. */
  readonly models: readonly EmulatorModel[];
  /** Arms a fault. Faults are consumed in the order they were set. */
  setFault(fault: Fault): void;
  /** Removes every armed fault. */
  clearFaults(): void;
  /** Replaces the responder (`undefined` restores the default reply). */
  setResponder(responder: Responder | undefined): void;
  /** Stops listening and destroys open connections, hung ones included. */
  close(): Promise<void>;
};
