import type { IncomingHttpHeaders } from 'node:http';
import type { RoutingHints, TierHint } from '@switchyard/core';
import { GatewayHttpError } from './gateway-http-error.js';

/** The request headers that carry routing hints, and the `switchyard` field each sets. */
export const routingHintHeaders = {
  privacy: 'x-switchyard-privacy',
  tier: 'x-switchyard-tier',
  maxCostUsd: 'x-switchyard-max-cost-usd',
  tags: 'x-switchyard-tags',
  requestId: 'x-request-id',
} as const;

const tierNames: Readonly<Record<string, TierHint>> = {
  '1': 1,
  '2': 2,
  '3': 3,
  small: 'small',
  large: 'large',
  cloud: 'cloud',
};

const requestIdPattern = /^[\x21-\x7e]{1,200}$/;

/**
 * Whether a client-chosen request id can be used: it is echoed in a response header, so 1–200
 * printable ASCII characters without spaces.
 *
 * @example
 * isValidRequestId('req-42'); // true
 */
export function isValidRequestId(value: string): boolean {
  return requestIdPattern.test(value);
}

/**
 * Reads the routing-hint headers: `x-switchyard-privacy` (`local-only` | `any`),
 * `x-switchyard-tier` (1, 2, 3, small, large, cloud), `x-switchyard-max-cost-usd` (a number ≥ 0),
 * `x-switchyard-tags` (comma-separated) and `x-request-id`. Returns `undefined` when none is
 * present; throws a 400 naming the header for a bad value.
 *
 * @example
 * routingHintsFromHeaders({ 'x-switchyard-privacy': 'local-only', 'x-switchyard-tier': '2' });
 * // → { privacy: 'local-only', tier: 2 }
 */
export function routingHintsFromHeaders(headers: IncomingHttpHeaders): RoutingHints | undefined {
  const privacy = headers[routingHintHeaders.privacy];
  const tier = headers[routingHintHeaders.tier];
  const maxCost = headers[routingHintHeaders.maxCostUsd];
  const tags = headers[routingHintHeaders.tags];
  const requestId = headers[routingHintHeaders.requestId];
  if (
    privacy === undefined &&
    tier === undefined &&
    maxCost === undefined &&
    tags === undefined &&
    requestId === undefined
  ) {
    return undefined;
  }
  const hints: { -readonly [Key in keyof RoutingHints]: RoutingHints[Key] } = {};
  if (privacy !== undefined) {
    const value = single(privacy, routingHintHeaders.privacy).trim().toLowerCase();
    if (value !== 'local-only' && value !== 'any') {
      throw badHeader(routingHintHeaders.privacy, "must be 'local-only' or 'any'");
    }
    hints.privacy = value;
  }
  if (tier !== undefined) {
    const value = tierNames[single(tier, routingHintHeaders.tier).trim().toLowerCase()];
    if (value === undefined)
      throw badHeader(routingHintHeaders.tier, 'must be 1, 2, 3, small, large or cloud');
    hints.tier = value;
  }
  if (maxCost !== undefined) {
    const text = single(maxCost, routingHintHeaders.maxCostUsd).trim();
    const value = Number(text);
    if (text === '' || !Number.isFinite(value) || value < 0) {
      throw badHeader(routingHintHeaders.maxCostUsd, 'must be a number of USD ≥ 0, e.g. 0.01');
    }
    hints.maxCostUsd = value;
  }
  if (tags !== undefined) {
    const list = single(tags, routingHintHeaders.tags)
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => tag !== '');
    if (list.length > 0) hints.tags = list;
  }
  if (requestId !== undefined) {
    const value = single(requestId, routingHintHeaders.requestId).trim();
    if (!isValidRequestId(value)) {
      throw badHeader(
        routingHintHeaders.requestId,
        'must be 1–200 printable ASCII characters without spaces',
      );
    }
    hints.requestId = value;
  }
  return hints;
}

/**
 * Merges header hints into a body's `switchyard` object: header values win, except that
 * `local-only` from either side wins over `any` (the stricter privacy always holds) and tags are
 * combined. A `switchyard` value that is not an object is left for validation to reject.
 *
 * @example
 * mergeRoutingHints({ privacy: 'local-only', tags: ['a'] }, { privacy: 'any', tags: ['b'] });
 * // → { privacy: 'local-only', tags: ['a', 'b'] }
 */
export function mergeRoutingHints(fromBody: unknown, fromHeaders: RoutingHints): unknown {
  if (fromBody === undefined || fromBody === null) return fromHeaders;
  if (typeof fromBody !== 'object' || Array.isArray(fromBody)) return fromBody;
  const body = fromBody as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...body, ...fromHeaders };
  if (body.privacy === 'local-only') merged.privacy = 'local-only';
  if (Array.isArray(body.tags) && fromHeaders.tags !== undefined) {
    merged.tags = [...body.tags, ...fromHeaders.tags];
  }
  return merged;
}

function single(value: string | string[], name: string): string {
  if (typeof value === 'string') return value;
  if (value.length === 1) return value[0] as string;
  throw badHeader(name, 'must be sent once');
}

function badHeader(name: string, problem: string): GatewayHttpError {
  return new GatewayHttpError({
    status: 400,
    type: 'invalid_request_error',
    code: 'invalid_header',
    param: name,
    message: `header ${name}: ${problem}`,
  });
}
