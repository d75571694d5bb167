import { routeHopOf } from '../engine/route-hop.js';
import type { RequestEndEvent } from '../spec/router-events.js';
import type { Candidate } from '../spec/target.js';
import type { ExecutionReport } from './execution-result.js';
import { ZERO_USAGE } from './sum-usage.js';

/**
 * The caller-facing summary of a successful request, from its `request-end` payload: counts of
 * fallbacks, retries and escalations, the attempts, usage and timing.
 *
 * @example
 * const report = executionReportOf(outcome.report, outcome.candidate);
 */
export function executionReportOf(event: RequestEndEvent, answeredBy: Candidate): ExecutionReport {
  return {
    requestId: event.requestId,
    decision: event.decision,
    target: event.target ?? routeHopOf(answeredBy),
    attempts: event.attempts,
    usage: event.usage ?? ZERO_USAGE,
    totalUsage: event.totalUsage,
    timing: event.timing,
    fallbacks: event.fallbacks.length,
    retries: event.retries,
    escalations: event.escalations.length,
    warnings: event.warnings,
  };
}
