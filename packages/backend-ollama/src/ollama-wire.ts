/**
 * Ollama's native wire shapes (`api/types.go`), as far as the adapter reads or writes them.
 * Everything read from the server is optional: fields are `omitempty`, so a 0 is absent.
 */

/** A tool call as Ollama sends and accepts it: `arguments` is a JSON object, not a string. */
export type OllamaToolCall = {
  readonly id?: string;
  readonly function: {
    readonly index?: number;
    readonly name: string;
    readonly arguments: Readonly<Record<string, unknown>>;
  };
};

/** One message of `POST /api/chat`: content is a plain string, images are bare base64. */
export type OllamaMessage = {
  readonly role: 'system' | 'user' | 'assistant' | 'tool';
  readonly content: string;
  readonly images?: readonly string[];
  readonly tool_calls?: readonly OllamaToolCall[];
  readonly tool_name?: string;
  readonly tool_call_id?: string;
};

/** A `POST /api/chat` response object, or one NDJSON line of a streamed one. */
export type OllamaChatResponse = {
  readonly model?: string;
  readonly created_at?: string;
  readonly message?: {
    readonly role?: string;
    readonly content?: string;
    readonly thinking?: string;
    readonly tool_calls?: readonly Partial<OllamaToolCall>[];
  };
  readonly done?: boolean;
  /** `stop`, `length`; `load` / `unload` for warm-up calls. */
  readonly done_reason?: string;
  /** Nanoseconds. */
  readonly total_duration?: number;
  /** Nanoseconds. */
  readonly load_duration?: number;
  readonly prompt_eval_count?: number;
  /** Nanoseconds. */
  readonly prompt_eval_duration?: number;
  readonly eval_count?: number;
  /** Nanoseconds. */
  readonly eval_duration?: number;
  /** A failure: the whole body of an error answer, or one line inside a 200 stream. */
  readonly error?: string;
};
