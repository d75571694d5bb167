import {
  type AttemptRecord,
  baselineCostUsd,
  type PerTokenPrice,
  type RequestEndEvent,
  type Router,
  type RouterEvents,
  type Target,
} from '@switchyard/core';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { CostFunction } from './cost-function.js';

/** Latency buckets in seconds: 5 ms to 2 minutes. */
const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
/** Time-to-first-token buckets in seconds: 10 ms to 30 s. */
const ttftBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30];

/** The gateway's Prometheus metrics, fed by its own requests and by the router's events. */
export type GatewayMetrics = {
  /** Counts and times one HTTP request. `model` is the requested routing key (or `''`). */
  recordHttpRequest(route: string, status: number, model: string, seconds: number): void;
  readonly inFlight: Gauge;
  /** Stops listening to the router's events. */
  detach(): void;
};

/** Settings of {@link createGatewayMetrics}. */
export type GatewayMetricsOptions = {
  readonly registry: Registry;
  readonly router: Router;
  readonly costOf: CostFunction;
  /**
   * The target whose per-token prices the savings are measured against (config
   * `metering.baselineTarget`); without one, or without a per-token price, no savings are counted.
   */
  readonly baselineTarget?: string | undefined;
};

/**
 * Registers the gateway's metrics on `registry` and subscribes them to the router's events:
 * `route-end` (decisions by target, tier, locality), `route-error` (no route), `attempt-end`
 * (calls, upstream latency, tokens, cost, validation failures), `fallback`, `retry`,
 * `escalation` and `request-end` (latency and TTFT histograms, baseline cost and savings).
 * Each listener does a few label lookups and additions; nothing is queued or allocated per call
 * beyond prom-client's own work.
 *
 * @example
 * const metrics = createGatewayMetrics({ registry, router, costOf: defaultCostOf });
 * metrics.recordHttpRequest('/v1/chat/completions', 200, 'auto', 0.42);
 */
export function createGatewayMetrics(options: GatewayMetricsOptions): GatewayMetrics {
  const registers = [options.registry];
  const targets = new Map<string, Target>(options.router.targets.map((target) => [target.id, target]));
  const baselinePrice = perTokenPriceOf(
    options.baselineTarget === undefined ? undefined : targets.get(options.baselineTarget),
  );

  const httpRequests = new Counter({
    name: 'switchyard_http_requests_total',
    help: 'HTTP requests answered, by route, status code and requested model.',
    labelNames: ['route', 'status', 'model'] as const,
    registers,
  });
  const httpDuration = new Histogram({
    name: 'switchyard_http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to the end of its answer, by route.',
    labelNames: ['route'] as const,
    buckets: latencyBuckets,
    registers,
  });
  const inFlight = new Gauge({
    name: 'switchyard_http_requests_in_flight',
    help: 'Chat requests being answered now.',
    registers,
  });
  const decisions = new Counter({
    name: 'switchyard_routing_decisions_total',
    help: 'Routing decisions, by primary target, tier and locality.',
    labelNames: ['target', 'tier', 'locality'] as const,
    registers,
  });
  const routeErrors = new Counter({
    name: 'switchyard_routing_errors_total',
    help: 'Requests that could not be routed: no-route (every target rejected) or policy-error.',
    labelNames: ['reason'] as const,
    registers,
  });
  const attempts = new Counter({
    name: 'switchyard_upstream_calls_total',
    help: 'Calls to targets, by target, status (ok, error, rejected) and error code.',
    labelNames: ['target', 'status', 'code'] as const,
    registers,
  });
  const upstreamDuration = new Histogram({
    name: 'switchyard_upstream_call_duration_seconds',
    help: 'Duration of one call to a target, by target.',
    labelNames: ['target'] as const,
    buckets: latencyBuckets,
    registers,
  });
  const fallbacks = new Counter({
    name: 'switchyard_fallbacks_total',
    help: 'Moves from one hop to the next, by from, to and cause.',
    labelNames: ['from', 'to', 'cause'] as const,
    registers,
  });
  const retries = new Counter({
    name: 'switchyard_retries_total',
    help: 'Calls repeated on the same target, by target and cause.',
    labelNames: ['target', 'cause'] as const,
    registers,
  });
  const validationFailures = new Counter({
    name: 'switchyard_validation_failures_total',
    help: 'Answers that failed structured-output validation, by target.',
    labelNames: ['target'] as const,
    registers,
  });
  const escalations = new Counter({
    name: 'switchyard_escalations_total',
    help: 'Moves to a stronger hop after a rejected answer, by from, to and reason.',
    labelNames: ['from', 'to', 'reason'] as const,
    registers,
  });
  const requestDuration = new Histogram({
    name: 'switchyard_request_duration_seconds',
    help: 'Execution time of a request (every attempt, wait and queue), by answering target and outcome.',
    labelNames: ['target', 'outcome', 'stream'] as const,
    buckets: latencyBuckets,
    registers,
  });
  const timeToFirstToken = new Histogram({
    name: 'switchyard_time_to_first_token_seconds',
    help: 'Streams: time from the start to the first content chunk, by answering target.',
    labelNames: ['target'] as const,
    buckets: ttftBuckets,
    registers,
  });
  const tokens = new Counter({
    name: 'switchyard_tokens_total',
    help: 'Tokens consumed by calls, by target and direction (input, output).',
    labelNames: ['target', 'direction'] as const,
    registers,
  });
  const cost = new Counter({
    name: 'switchyard_cost_usd_total',
    help: "Cost of calls in USD, by target: the provider's reported cost, else the target's price.",
    labelNames: ['target'] as const,
    registers,
  });
  const baselineCost = new Counter({
    name: 'switchyard_baseline_cost_usd_total',
    help: 'What the answered requests would have cost on the metering baseline target, in USD.',
    registers,
  });
  const savings = new Gauge({
    name: 'switchyard_savings_usd',
    help: 'Baseline cost minus actual cost of the answered requests since start, in USD (can be negative).',
    registers,
  });

  const listeners: { [Name in keyof RouterEvents]?: RouterEvents[Name] } = {
    'route-end': ({ decision }) => {
      decisions.labels(decision.target, String(decision.tier), decision.locality).inc();
    },
    'route-error': ({ error }) => {
      routeErrors.labels(error.name === 'NoRouteError' ? 'no-route' : 'policy-error').inc();
    },
    'attempt-end': (attempt) => {
      attempts.labels(attempt.target, attempt.status, attempt.errorCode ?? '').inc();
      upstreamDuration.labels(attempt.target).observe(attempt.latencyMs / 1000);
      if (attempt.rejection?.by === 'validation') validationFailures.labels(attempt.target).inc();
      if (attempt.usage === undefined) return;
      tokens.labels(attempt.target, 'input').inc(attempt.usage.inputTokens);
      tokens.labels(attempt.target, 'output').inc(attempt.usage.outputTokens);
      const spent = costOfAttempt(attempt);
      if (spent !== undefined && spent > 0) cost.labels(attempt.target).inc(spent);
    },
    fallback: (event) => {
      fallbacks.labels(event.from, event.to, event.cause).inc();
    },
    retry: (event) => {
      retries.labels(event.target, event.cause).inc();
    },
    escalation: (event) => {
      escalations.labels(event.from, event.to, event.reason).inc();
    },
    'request-end': (event) => {
      const target = event.target?.target ?? 'none';
      requestDuration
        .labels(target, event.outcome, event.stream ? 'true' : 'false')
        .observe(event.timing.totalMs / 1000);
      const ttft = event.timing.timeToFirstTokenMs;
      if (ttft !== undefined) timeToFirstToken.labels(target).observe(ttft / 1000);
      if (baselinePrice !== undefined && event.outcome === 'success') recordSavings(event);
    },
  };

  function costOfAttempt(attempt: AttemptRecord): number | undefined {
    const target = targets.get(attempt.target);
    if (target === undefined || attempt.usage === undefined) return undefined;
    return options.costOf(target, attempt.usage, attempt.latencyMs);
  }

  function recordSavings(event: RequestEndEvent): void {
    if (baselinePrice === undefined) return;
    const wouldHaveCost = baselineCostUsd(baselinePrice, event.totalUsage);
    let actual = 0;
    for (const attempt of event.attempts) actual += costOfAttempt(attempt) ?? 0;
    baselineCost.inc(wouldHaveCost);
    savings.inc(wouldHaveCost - actual);
  }

  const events = options.router.events;
  for (const [name, listener] of Object.entries(listeners)) {
    events.on(name as keyof RouterEvents, listener as never);
  }

  return {
    recordHttpRequest(route, status, model, seconds) {
      httpRequests.labels(route, String(status), model).inc();
      httpDuration.labels(route).observe(seconds);
    },
    inFlight,
    detach() {
      for (const [name, listener] of Object.entries(listeners)) {
        events.off(name as keyof RouterEvents, listener as never);
      }
    },
  };
}

function perTokenPriceOf(target: Target | undefined): PerTokenPrice | undefined {
  const price = target?.price;
  return price?.type === 'per-token' ? price : undefined;
}
