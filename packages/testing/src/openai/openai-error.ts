/**
 * OpenAI's error body: `{"error":{"message","type","param","code"}}`.
 *
 * @example
 * openAIError('Missing required parameter: \'messages\'.', 'invalid_request_error', 'messages', 'missing_required_parameter');
 */
export function openAIError(
  message: string,
  type: string,
  param: string | null = null,
  code: string | null = null,
): { error: { message: string; type: string; param: string | null; code: string | null } } {
  return { error: { message, type, param, code } };
}

/**
 * OpenAI's answer to an injected error status (429 rate limit, 500, 503 overload, …).
 *
 * @example
 * openAIStatusError(429) // { error: { message: 'Rate limit reached…', type: 'requests', code: 'rate_limit_exceeded', … } }
 */
export function openAIStatusError(status: number, message?: string): ReturnType<typeof openAIError> {
  switch (status) {
    case 429:
      return openAIError(
        message ?? 'Rate limit reached for requests per min (RPM). Please try again in 1s.',
        'requests',
        null,
        'rate_limit_exceeded',
      );
    case 500:
      return openAIError(
        message ?? 'The server had an error while processing your request. Sorry about that!',
        'server_error',
      );
    case 503:
      return openAIError(
        message ?? 'The server is overloaded or not ready yet.',
        'service_unavailable_error',
        null,
        'server_is_overloaded',
      );
    default:
      return openAIError(
        message ?? `The server answered HTTP ${status}.`,
        status >= 500 ? 'server_error' : 'invalid_request_error',
      );
  }
}
