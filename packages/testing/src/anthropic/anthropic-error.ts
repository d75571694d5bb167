const typeByStatus: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const defaultMessages: Readonly<Record<number, string>> = {
  429: 'This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.',
  500: 'Internal server error',
  529: 'Overloaded',
};

/**
 * Anthropic's error body: `{"type":"error","error":{type,message},"request_id"}`, the error type
 * chosen by status (`rate_limit_error` 429, `overloaded_error` 529, `api_error` 500, …).
 *
 * @example
 * anthropicError(529, undefined, 'req_1') // { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: 'req_1' }
 */
export function anthropicError(status: number, message: string | undefined, requestId: string) {
  return {
    type: 'error',
    error: {
      type: typeByStatus[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error'),
      message: message ?? defaultMessages[status] ?? `HTTP ${status}`,
    },
    request_id: requestId,
  };
}
