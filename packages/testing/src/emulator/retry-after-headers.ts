import type { FaultOf } from './fault.js';

/**
 * The `Retry-After` header of a status fault, when it has one.
 *
 * @example
 * retryAfterHeaders({ type: 'status', status: 429, retryAfter: 2 }) // { 'retry-after': '2' }
 */
export function retryAfterHeaders(fault: FaultOf<'status'>): Record<string, string> {
  return fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
}
