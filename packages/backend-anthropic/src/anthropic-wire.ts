/**
 * The Anthropic Messages API shapes the adapter writes and reads. Everything read from the server
 * is optional: the adapter checks what it uses.
 */

/** A content block in a request or a response. */
export type AnthropicContentBlock =
  | { readonly type: 'text'; readonly text: string }
  | {
      readonly type: 'image' | 'document';
      readonly source:
        | { readonly type: 'base64'; readonly media_type: string; readonly data: string }
        | { readonly type: 'url'; readonly url: string };
    }
  | {
      readonly type: 'tool_use';
      readonly id: string;
      readonly name: string;
      readonly input: Readonly<Record<string, unknown>>;
    }
  | { readonly type: 'tool_result'; readonly tool_use_id: string; readonly content: string }
  | { readonly type: 'thinking'; readonly thinking: string; readonly signature?: string };

/** One message of `POST /v1/messages`: only `user` and `assistant` exist. */
export type AnthropicMessage = {
  readonly role: 'user' | 'assistant';
  readonly content: string | readonly AnthropicContentBlock[];
};

/** `usage` of a response, `message_start` or `message_delta`. `input_tokens` excludes cached parts. */
export type AnthropicUsage = {
  readonly input_tokens?: number;
  readonly output_tokens?: number;
  readonly cache_creation_input_tokens?: number | null;
  readonly cache_read_input_tokens?: number | null;
};

/** A `POST /v1/messages` answer. */
export type AnthropicMessageResponse = {
  readonly id?: string;
  readonly type?: string;
  readonly role?: string;
  readonly model?: string;
  readonly content?: readonly Partial<Record<string, unknown>>[];
  /** `end_turn`, `stop_sequence`, `max_tokens`, `tool_use`, `refusal`, `pause_turn`, `model_context_window_exceeded`. */
  readonly stop_reason?: string | null;
  readonly stop_sequence?: string | null;
  readonly usage?: AnthropicUsage;
};
