import type { RoutingDecision } from '@switchyard/core';
import { headerSafe } from './header-safe.js';

/** Response headers that say where a request went. */
export const switchyardHeaders = {
  target: 'x-switchyard-target',
  backend: 'x-switchyard-backend',
  fallbacks: 'x-switchyard-fallbacks',
  reason: 'x-switchyard-reason',
  requestId: 'x-request-id',
} as const;

/**
 * The routing headers of an answer: the target and backend that answered, how many hops were
 * left for the next one, the decision's first reason (header-safe) and the request id.
 *
 * @example
 * response.writeHead(200, { 'content-type': 'application/json', ...decisionHeaders(result.decision, hop, 0) });
 */
export function decisionHeaders(
  decision: RoutingDecision,
  answered: { readonly target: string; readonly backend: string },
  fallbacks: number,
): Record<string, string> {
  const reason = decision.reasons[0];
  const headers: Record<string, string> = {
    [switchyardHeaders.target]: answered.target,
    [switchyardHeaders.backend]: answered.backend,
    [switchyardHeaders.fallbacks]: String(fallbacks),
    [switchyardHeaders.requestId]: decision.requestId,
  };
  if (reason !== undefined) headers[switchyardHeaders.reason] = headerSafe(reason);
  return headers;
}
