import type { ErrorClassifier } from '@switchyard/backend-kit';

const spendLimitPatterns = [
  /reached your specified (?:workspace )?API usage limits/i,
  /credit balance is too low/i,
  /monthly spend limit/i,
];

/**
 * Anthropic's error types (`error.type`), for HTTP answers and for `event: error` inside a 200
 * stream (which has no status of its own):
 *
 * - `rate_limit_error` (429) → `rate-limited`, retryable with `retry-after` — except
 *   `error.details.error_code: "enforced_spend_limit_reached"` (the kit reads it into
 *   `details.code`), the monthly spend cap, which is `quota-exhausted` and not retryable;
 * - `overloaded_error` (529) → `overloaded`; `api_error` (500) → `unavailable`, both retryable;
 *   `timeout_error` (504) → `timeout`;
 * - `billing_error` (402) and the 400 spend-limit / credit-balance messages → `quota-exhausted`;
 * - `authentication_error` (401) and `permission_error` (403) → `unauthorized`;
 * - `not_found_error` (404) naming a model (retired ids included) → `model-not-found`;
 * - `request_too_large` (413) → `invalid-request`;
 * - 400 "prompt is too long" and "input length and `max_tokens` exceed context limit" →
 *   `context-length-exceeded`; other `invalid_request_error`s fall through to `invalid-request`.
 *
 * @example
 * classifyAnthropicError({ status: 529, details: { message: 'Overloaded', type: 'overloaded_error' } });
 * // → { code: 'overloaded', isRetryable: true }
 */
export const classifyAnthropicError: ErrorClassifier = ({ details }) => {
  const { message, type } = details;
  if (details.code === 'enforced_spend_limit_reached') {
    return {
      code: 'quota-exhausted',
      isRetryable: false,
      hint: 'the organization reached its monthly spend limit',
    };
  }
  if (spendLimitPatterns.some((pattern) => pattern.test(message))) {
    return { code: 'quota-exhausted', isRetryable: false };
  }
  if (/input length and `?max_tokens`? exceed context limit/i.test(message)) {
    return {
      code: 'context-length-exceeded',
      isRetryable: false,
      hint: 'lower max_tokens or shorten the input',
    };
  }
  switch (type) {
    case 'rate_limit_error':
      return { code: 'rate-limited', isRetryable: true };
    case 'overloaded_error':
      return { code: 'overloaded', isRetryable: true };
    case 'api_error':
      return { code: 'unavailable', isRetryable: true };
    case 'timeout_error':
      return { code: 'timeout', isRetryable: true };
    case 'billing_error':
      return { code: 'quota-exhausted', isRetryable: false };
    case 'authentication_error':
    case 'permission_error':
      return { code: 'unauthorized', isRetryable: false };
    case 'not_found_error':
      return /model/i.test(message)
        ? { code: 'model-not-found', isRetryable: false }
        : { code: 'unsupported', isRetryable: false, hint: 'endpoint not found: check baseUrl' };
    case 'request_too_large':
      return { code: 'invalid-request', isRetryable: false, hint: 'request body over 32 MB' };
    default:
      return undefined;
  }
};
