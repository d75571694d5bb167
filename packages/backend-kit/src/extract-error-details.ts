import { isRecord } from './is-record.js';
import { tryParseJson } from './try-parse-json.js';

/** The parts of an error body that classification reads, whichever server shape it came in. */
export type ErrorDetails = {
  /** The server's own message (not yet redacted). Empty when the body had none. */
  readonly message: string;
  /** `error.type` / `error_type` (`invalid_request_error`, `exceed_context_size_error`, `validation`…). */
  readonly type?: string;
  /** A string `error.code` (`context_length_exceeded`, `insufficient_quota`, `model_not_found`…) or Anthropic `error.details.error_code`. */
  readonly code?: string;
  /** A numeric status inside the body (`error.code: 503`, TGI `http_status_code`). */
  readonly statusInBody?: number;
  readonly param?: string;
  /** OpenRouter `error.metadata` (`provider_name`, moderation `reasons`…). */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** The id the server gave the failed request (Anthropic's top-level `request_id`), for support tickets. */
  readonly requestId?: string;
};

/**
 * Pulls message, type and code out of any error body the adapters meet:
 * OpenAI / vLLM / OpenRouter / Anthropic `{"error":{message,type,code,…}}`, llama.cpp
 * `{"error":{code:<int>,message,type}}`, TGI `{"error":"…","error_type":"…"}` and its in-stream
 * `{"error":{message,http_status_code}}`, Ollama `{"error":"…"}`, old vLLM
 * `{"object":"error","message":…}`, FastAPI `{"detail":…}`, or plain text. Anthropic's specific
 * code (`error.details.error_code`, e.g. `enforced_spend_limit_reached`) becomes `code`, and its
 * top-level `request_id` becomes `requestId`.
 *
 * @example
 * extractErrorDetails('{"error":"Model is overloaded","error_type":"overloaded"}');
 * // → { message: 'Model is overloaded', type: 'overloaded' }
 */
export function extractErrorDetails(body: unknown): ErrorDetails {
  const parsed = typeof body === 'string' ? tryParseJson(body) : body;
  if (!isRecord(parsed)) return { message: typeof body === 'string' ? body.trim() : '' };
  const requestId = stringOf(parsed.request_id);
  return requestId === undefined ? detailsOf(parsed, body) : { ...detailsOf(parsed, body), requestId };
}

function detailsOf(parsed: Record<string, unknown>, body: unknown): ErrorDetails {
  const nested = parsed.error;
  if (isRecord(nested)) {
    return {
      message: stringOf(nested.message) ?? stringOf(parsed.message) ?? '',
      type: stringOf(nested.type) ?? stringOf(parsed.error_type),
      // Anthropic puts the specific code in `error.details.error_code` (`enforced_spend_limit_reached`).
      code:
        stringOf(nested.code) ?? (isRecord(nested.details) ? stringOf(nested.details.error_code) : undefined),
      statusInBody: numberOf(nested.code) ?? numberOf(nested.http_status_code) ?? numberOf(nested.status),
      param: stringOf(nested.param),
      metadata: isRecord(nested.metadata) ? nested.metadata : undefined,
    };
  }
  if (typeof nested === 'string') {
    return { message: nested, type: stringOf(parsed.error_type) };
  }
  if (typeof parsed.message === 'string') {
    return {
      message: parsed.message,
      type: stringOf(parsed.type),
      code: stringOf(parsed.code),
      statusInBody: numberOf(parsed.code),
      param: stringOf(parsed.param),
    };
  }
  if (parsed.detail !== undefined) return { message: detailMessage(parsed.detail) };
  return { message: typeof body === 'string' ? body.trim() : '' };
}

function detailMessage(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    return detail
      .map((item) => (isRecord(item) && typeof item.msg === 'string' ? item.msg : JSON.stringify(item)))
      .join('; ');
  }
  return JSON.stringify(detail);
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}
