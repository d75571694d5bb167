import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'eventemitter3';
import { NoRouteError } from '../errors/no-route-error.js';
import { PolicyError } from '../errors/policy-error.js';
import { createCircuitBreakerHealthTracker } from '../execution/circuit-breaker-health-tracker.js';
import { createExecutor, type Executor } from '../execution/create-executor.js';
import type { ExecutionOptions } from '../execution/execution-options.js';
import type { HealthTracker } from '../execution/health-tracker.js';
import type { QualityGate } from '../execution/quality-gate.js';
import { type ProfilerOptions, profileRequest } from '../profile/profile-request.js';
import type { ChatRequest } from '../request/chat-request-schema.js';
import type { BackendV1 } from '../spec/backend.js';
import type { HealthView, PolicyContext, RoutingPolicyV1 } from '../spec/policy.js';
import type { RequestProfile } from '../spec/request-profile.js';
import type { RouterEvents } from '../spec/router-events.js';
import type { RoutingDecision } from '../spec/routing-decision.js';
import { type Candidate, candidateOf, type Target } from '../spec/target.js';
import { routeHopOf } from './route-hop.js';
import { runPolicies } from './run-policies.js';

/** Settings of {@link createRouter}. */
export type RouterOptions = {
  /** Every target the router may choose from. Ids must be unique. */
  readonly targets: readonly Target[];
  /** Policies, applied in order. */
  readonly policies: readonly RoutingPolicyV1[];
  /** Live health; default: every target `unknown` (treated as usable). */
  readonly health?: HealthView;
  /** Clock for policies (default `Date.now`). */
  readonly now?: () => number;
  /** Random source for policies (default `Math.random`). */
  readonly random?: () => number;
  /** Most fallback hops kept after the primary (default 3). */
  readonly maxFallbacks?: number;
  /** Profiler settings (exact token counter, output estimates). */
  readonly profiler?: ProfilerOptions;
  /** Makes request ids (default `crypto.randomUUID`). */
  readonly requestId?: () => string;
  /**
   * Backend adapters by backend id (`target.backend`), needed by `generate`/`stream`/
   * `generateObject`. When given, every target's backend must be here.
   */
  readonly backends?: Readonly<Record<string, BackendV1>>;
  /** Executor settings: timeouts, retries, backoff, queueing, validation (see docs/execution.md). */
  readonly execution?: ExecutionOptions;
  /**
   * Live target health for the executor (and, unless `health` is given, for policies). Default
   * with `backends`: a circuit breaker per target (`createCircuitBreakerHealthTracker`).
   */
  readonly healthTracker?: HealthTracker;
  /** Checks on non-streamed answers; a failing one escalates to a stronger tier (default none). */
  readonly qualityGates?: readonly QualityGate[];
};

/** Per-call options of {@link Router.route}. */
export type RouteOptions = {
  readonly requestId?: string;
  /** A profile computed earlier for this request, to skip profiling again. */
  readonly profile?: RequestProfile;
};

/** The routing engine (profile → policies → decision) and its executor. */
export type Router = Executor & {
  readonly targets: readonly Target[];
  readonly policies: readonly RoutingPolicyV1[];
  readonly events: EventEmitter<RouterEvents>;
  /**
   * Decides where a (validated) request goes. Throws {@link NoRouteError} when nothing can serve
   * it, {@link PolicyError} when a policy fails. Makes no network call.
   */
  route(request: ChatRequest, options?: RouteOptions): RoutingDecision;
  /** Profiles a request the way `route` does. */
  profile(request: ChatRequest): RequestProfile;
  /** The executor's health tracker (where probes report), when the router has one. */
  readonly healthTracker: HealthTracker | undefined;
};

const unknownHealth: HealthView = { health: () => 'unknown' };

/** The executor's tracker for a router without backends (which cannot execute anyway). */
const alwaysHealthy: HealthTracker = {
  health: () => 'unknown',
  canAttempt: () => true,
  recordSuccess: () => {},
  recordFailure: () => {},
};

/**
 * Creates a router from targets and policies composed in code.
 *
 * @example
 * const router = createRouter({
 *   targets,
 *   policies: [privacyPolicy(), contextFitPolicy({ maxLocalContextTokens: 24_000 }), costPolicy()],
 * });
 * const decision = router.route({ model: 'auto', messages: [{ role: 'user', content: 'Summarize…' }] });
 * console.log(decision.target, decision.fallbacks.map((hop) => hop.target));
 */
export function createRouter(options: RouterOptions): Router {
  assertUniqueIds(options.targets);
  const maxFallbacks = options.maxFallbacks ?? 3;
  const initial: readonly Candidate[] = options.targets.map(candidateOf);
  const events = new EventEmitter<RouterEvents>();
  const now = options.now ?? Date.now;
  const healthTracker =
    options.healthTracker ??
    (options.backends === undefined ? undefined : createCircuitBreakerHealthTracker({ now }));
  const context: PolicyContext = {
    now,
    random: options.random ?? Math.random,
    health: options.health ?? healthTracker ?? unknownHealth,
  };
  const newRequestId = options.requestId ?? randomUUID;
  const profile = (request: ChatRequest) => profileRequest(request, options.profiler);

  function route(request: ChatRequest, routeOptions?: RouteOptions): RoutingDecision {
    const requestId = routeOptions?.requestId ?? request.switchyard?.requestId ?? newRequestId();
    const requestProfile = routeOptions?.profile ?? profile(request);
    let result: ReturnType<typeof runPolicies>;
    try {
      result = runPolicies({
        requestId,
        request,
        profile: requestProfile,
        candidates: initial,
        policies: options.policies,
        context,
      });
    } catch (error) {
      if (
        (NoRouteError.isInstance(error) || PolicyError.isInstance(error)) &&
        events.listenerCount('route-error')
      ) {
        events.emit('route-error', { requestId, request, error });
      }
      throw error;
    }
    const chain = result.candidates.slice(0, 1 + maxFallbacks);
    const primary = chain[0] as Candidate;
    const { target } = primary;
    const decision: RoutingDecision = {
      target: target.id,
      backend: target.backend,
      kind: target.kind,
      model: primary.model,
      quantization: target.quantization,
      tier: target.tier,
      locality: target.locality,
      timeoutMs: primary.timeoutMs ?? target.timeoutMs,
      requestId,
      reasons: result.reasons,
      fallbacks: chain.slice(1).map(routeHopOf),
      trace: result.trace,
      profile: requestProfile,
      decidedBy: result.decidedBy,
      chain,
    };
    if (events.listenerCount('route-end')) events.emit('route-end', { requestId, request, decision });
    return decision;
  }

  const executor = createExecutor({
    targets: options.targets,
    backends: options.backends,
    execution: options.execution,
    healthTracker: healthTracker ?? alwaysHealthy,
    qualityGates: options.qualityGates,
    events,
    route,
    now: options.now,
    random: options.random,
  });

  return {
    targets: options.targets,
    policies: options.policies,
    events,
    route,
    profile,
    healthTracker,
    generate: executor.generate,
    stream: executor.stream,
    generateObject: executor.generateObject,
  };
}

function assertUniqueIds(targets: readonly Target[]): void {
  const seen = new Set<string>();
  for (const target of targets) {
    if (seen.has(target.id)) throw new TypeError(`duplicate target id '${target.id}'`);
    seen.add(target.id);
  }
}
