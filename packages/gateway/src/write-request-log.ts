import type pino from 'pino';
import type { RequestScope } from './request-scope.js';

/**
 * Writes the one log line of a request: ids, routing key, where it went, fallbacks and retries,
 * outcome, status, latency (and TTFT for streams), token counts, and for failures the error code
 * and its (already redacted) message — never a body or a key. Chat requests log at `info`, the
 * other endpoints at `debug`.
 *
 * @example
 * writeRequestLog(logger, scope, '/v1/chat/completions', 0.0123);
 */
export function writeRequestLog(
  logger: pino.Logger,
  scope: RequestScope,
  route: string,
  seconds: number,
): void {
  const level = scope.path === '/v1/chat/completions' ? 'info' : 'debug';
  if (!logger.isLevelEnabled(level)) return;
  logger[level](
    {
      requestId: scope.requestId,
      method: scope.method,
      path: route,
      model: scope.model || undefined,
      stream: scope.stream || undefined,
      target: scope.target,
      backend: scope.backend,
      fallbacks: scope.fallbacks,
      retries: scope.retries,
      outcome: outcomeOf(scope),
      status: scope.status,
      latencyMs: Math.round(seconds * 100_000) / 100,
      ttftMs: scope.ttftMs === undefined ? undefined : Math.round(scope.ttftMs * 100) / 100,
      inputTokens: scope.inputTokens,
      outputTokens: scope.outputTokens,
      errorCode: scope.errorCode,
      error: scope.errorMessage,
    },
    'request',
  );
}

function outcomeOf(scope: RequestScope): string {
  if (scope.status === 499) return 'client-closed';
  if (scope.errorCode !== undefined) return 'error';
  return scope.status < 400 ? 'success' : 'error';
}
