/**
 * The response side of the wire: OpenAI chat-completion objects. Every adapter returns these
 * shapes whatever its backend speaks, so the gateway can forward them as they are.
 */

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/** A complete tool call, `arguments` as a JSON string (OpenAI's form). */
export type ToolCall = {
  readonly id: string;
  readonly type: 'function';
  readonly function: { readonly name: string; readonly arguments: string };
};

/** OpenAI `usage`. */
export type Usage = {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
  readonly prompt_tokens_details?: { readonly cached_tokens?: number };
  readonly completion_tokens_details?: { readonly reasoning_tokens?: number };
};

/** A `chat.completion` object. */
export type ChatCompletion = {
  readonly id: string;
  readonly object: 'chat.completion';
  readonly created: number;
  readonly model: string;
  readonly choices: readonly {
    readonly index: number;
    readonly message: {
      readonly role: 'assistant';
      readonly content: string | null;
      readonly tool_calls?: readonly ToolCall[];
      readonly refusal?: string | null;
      /** Reasoning text where the backend returns it (`reasoning_content`, `thinking`…). */
      readonly reasoning?: string;
    };
    readonly finish_reason: FinishReason;
  }[];
  readonly usage?: Usage;
  readonly system_fingerprint?: string;
};

/** One streamed tool-call fragment (OpenAI's form: keyed by `index`, arguments in pieces). */
export type ToolCallDelta = {
  readonly index: number;
  readonly id?: string;
  readonly type?: 'function';
  readonly function?: { readonly name?: string; readonly arguments?: string };
};

/** A `chat.completion.chunk` object. */
export type ChatCompletionChunk = {
  readonly id: string;
  readonly object: 'chat.completion.chunk';
  readonly created: number;
  readonly model: string;
  readonly choices: readonly {
    readonly index: number;
    readonly delta: {
      readonly role?: 'assistant';
      readonly content?: string | null;
      readonly tool_calls?: readonly ToolCallDelta[];
      readonly reasoning?: string;
      readonly refusal?: string | null;
    };
    readonly finish_reason: FinishReason | null;
  }[];
  readonly usage?: Usage | null;
};
