import type { ApiKeySettings, FetchFunction } from '@switchyard/backend-kit';

/** Default Anthropic API address. */
export const defaultAnthropicBaseUrl = 'https://api.anthropic.com';

/** The `anthropic-version` header sent by default. */
export const defaultAnthropicVersion = '2023-06-01';

/** Output limit sent when a request sets none (the Messages API requires `max_tokens`). */
export const defaultAnthropicMaxTokens = 4096;

/**
 * Settings of `createAnthropic`. Construction does no I/O and never throws for a missing key: the
 * key is read when a call is made, from `apiKey` or the `ANTHROPIC_API_KEY` environment variable
 * (or the one `apiKeyEnv` names), and sent as `x-api-key`.
 */
export type AnthropicSettings = ApiKeySettings & {
  /** Backend id used in routes, errors and events. Default `anthropic`. */
  readonly id?: string;
  /** API root. Default `https://api.anthropic.com` (a trailing `/v1` is accepted and stripped). */
  readonly baseUrl?: string;
  /** `anthropic-version` header. Default `2023-06-01`. */
  readonly anthropicVersion?: string;
  /** Beta features, sent as one comma-separated `anthropic-beta` header. Default: none. */
  readonly betas?: readonly string[];
  /** `max_tokens` when the request sets neither `max_completion_tokens` nor `max_tokens`. Default 4096. */
  readonly defaultMaxTokens?: number;
  /**
   * How `response_format: json_schema` is sent. `output-config` (default): the native
   * `output_config.format` (constrained decoding; Claude Sonnet 4.5, Haiku 4.5, Opus 4.5 and later).
   * `tool`: one forced tool whose `input_schema` is the schema, its input returned as the JSON
   * content — for older models without structured outputs.
   */
  readonly structuredOutput?: 'output-config' | 'tool';
  /** Extra headers on every request (after the adapter's own, so they can replace them). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The fetch to use (tests inject one). Default: `globalThis.fetch`. */
  readonly fetch?: FetchFunction;
  /** Abort a stream when no bytes arrive for this long, in ms. Default: no idle limit. */
  readonly streamIdleTimeoutMs?: number;
};
