/**
 * TGI's error body: `{"error":"…","error_type":"…"}`.
 *
 * @example
 * tgiError('Model is overloaded', 'overloaded')
 */
export function tgiError(error: string, errorType: string): { error: string; error_type: string } {
  return { error, error_type: errorType };
}

/**
 * TGI's answer to an injected error status: 429 `overloaded`, 424 `generation`, 500
 * `incomplete_generation`, 503 `healthcheck` (unhealthy), 422 `validation`.
 *
 * @example
 * tgiStatusError(429) // { error: 'Model is overloaded', error_type: 'overloaded' }
 */
export function tgiStatusError(status: number, message?: string): { error: string; error_type: string } {
  switch (status) {
    case 429:
      return tgiError(message ?? 'Model is overloaded', 'overloaded');
    case 424:
      return tgiError(
        message ?? 'Request failed during generation: Server error: transport error',
        'generation',
      );
    case 500:
      return tgiError(message ?? 'Incomplete generation', 'incomplete_generation');
    case 503:
      return tgiError(message ?? 'unhealthy', 'healthcheck');
    case 422:
      return tgiError(message ?? 'Input validation error', 'validation');
    default:
      return tgiError(message ?? `HTTP ${status}`, 'unknown');
  }
}
