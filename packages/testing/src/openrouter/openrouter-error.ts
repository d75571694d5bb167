const defaultMessages: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'No auth credentials found',
  402: 'Insufficient credits. Add more using https://openrouter.ai/settings/credits',
  403: 'Your chosen model requires moderation and your input was flagged',
  408: 'Request timed out',
  429: 'Rate limit exceeded: limit_rpm/emulator/requests-per-minute. High demand for this model; please retry shortly.',
  500: 'Internal Server Error',
  502: 'Provider returned error',
  503: 'No endpoints found that can handle the requested parameters.',
};

/**
 * OpenRouter's error body: `{"error":{"code":<status>,"message","metadata?"}}`.
 *
 * @example
 * openRouterError(402) // { error: { code: 402, message: 'Insufficient credits…' } }
 */
export function openRouterError(
  code: number,
  message?: string,
  metadata?: Readonly<Record<string, unknown>>,
): { error: { code: number; message: string; metadata?: Readonly<Record<string, unknown>> } } {
  const error = { code, message: message ?? defaultMessages[code] ?? `HTTP ${code}` };
  return { error: metadata === undefined ? error : { ...error, metadata } };
}
