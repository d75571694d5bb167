/** Where and how often a fault applies. */
export type FaultScope = {
  /**
   * How many matching requests the fault hits (default 1). `Infinity` keeps it armed until
   * `clearFaults()`.
   */
  readonly times?: number;
  /**
   * Which requests it hits: an exact path (`/health`) or a pattern. Default: the backend's chat
   * (generation) endpoints only, so model listings and health checks are not affected.
   */
  readonly path?: string | RegExp;
};

/**
 * A failure to inject. Each emulator renders it in its own backend's wire form.
 *
 * - `latency`: wait `ms` before sending headers, then answer normally.
 * - `hang`: never answer (until the client aborts or the emulator closes).
 * - `status`: answer `status` with the backend's own error body (and `Retry-After` when given).
 * - `reset`: destroy the socket before any byte of the response.
 * - `cut-stream`: after `afterChunks` content chunks (default 1), end the body without the
 *   finish chunk / usage / terminator (`[DONE]`, `done:true`, `message_stop`). A non-streaming
 *   answer is cut half-way through its JSON and the socket destroyed.
 * - `stream-error`: after `afterChunks` content chunks (default 1), send the backend's own
 *   in-stream error event inside the 200 stream. Non-streaming requests get the backend's
 *   generation-failure answer instead (OpenRouter: a 200 body with `error`; others: a 500).
 * - `malformed-json`: a 200 whose body (or, streaming, one chunk after `afterChunks`) is not
 *   valid JSON.
 * - `invalid-structured-output`: JSON that violates the requested schema (tool arguments too);
 *   text that is not JSON when JSON mode had no schema.
 * - `wrong-usage`: usage with impossible values (negative, null), or `usage` as given, placed
 *   where the backend puts usage.
 * - `missing-usage`: no usage where the backend always reports it.
 * - `slow-stream`: wait `delayMs` between stream frames.
 */
export type Fault = FaultScope &
  (
    | { readonly type: 'latency'; readonly ms: number }
    | { readonly type: 'hang' }
    | {
        readonly type: 'status';
        readonly status: number;
        /** `Retry-After` header value: seconds, or an HTTP date string. */
        readonly retryAfter?: number | string;
        /** Replaces the backend's default message for this status. */
        readonly message?: string;
      }
    | { readonly type: 'reset' }
    | { readonly type: 'cut-stream'; readonly afterChunks?: number }
    | { readonly type: 'stream-error'; readonly afterChunks?: number; readonly message?: string }
    | { readonly type: 'malformed-json'; readonly afterChunks?: number }
    | { readonly type: 'invalid-structured-output' }
    | { readonly type: 'wrong-usage'; readonly usage?: Readonly<Record<string, unknown>> }
    | { readonly type: 'missing-usage' }
    | { readonly type: 'slow-stream'; readonly delayMs: number }
  );

/** The `type` of a fault. */
export type FaultType = Fault['type'];

/** A fault of one type. */
export type FaultOf<Type extends FaultType> = Extract<Fault, { type: Type }>;

/** The faults that change the answer's content, applied when the reply is built. */
export type ContentFault = FaultOf<'invalid-structured-output' | 'wrong-usage' | 'missing-usage'>;
