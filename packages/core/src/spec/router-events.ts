import type { SwitchyardError } from '../errors/switchyard-error.js';
import type { ChatRequest } from '../request/chat-request-schema.js';
import type { RoutingDecision } from './routing-decision.js';

/**
 * Typed router events (eventemitter3). Names are noun-verb kebab; each payload carries the
 * request id so sinks can correlate. Execution events are added by the executor.
 */
export type RouterEvents = {
  /** A decision was made. */
  'route-end': (event: { requestId: string; request: ChatRequest; decision: RoutingDecision }) => void;
  /** No decision could be made (no route, or a policy threw). */
  'route-error': (event: { requestId: string; request: ChatRequest; error: SwitchyardError }) => void;
};
