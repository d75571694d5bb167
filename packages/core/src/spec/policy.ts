import type { ChatRequest } from '../request/chat-request-schema.js';
import type { RequestProfile } from './request-profile.js';
import type { Candidate } from './target.js';

/** Live state of a target as health checks and circuit breakers see it. */
export type TargetHealth = 'healthy' | 'degraded' | 'unhealthy' | 'circuit-open' | 'unknown';

/** Read-only view of live target state, supplied by the executor (or a test). */
export type HealthView = {
  health(targetId: string): TargetHealth;
};

/**
 * What a policy may read besides the request. Routing logic never calls `Date.now()` or
 * `Math.random()`: it uses these, so every decision is reproducible in tests.
 */
export type PolicyContext = {
  now(): number;
  random(): number;
  readonly health: HealthView;
};

/** Input to a policy. */
export type PolicyInput = {
  readonly request: ChatRequest;
  readonly profile: RequestProfile;
  /** The candidates still in the running, best first. */
  readonly candidates: readonly Candidate[];
  /**
   * True when an earlier policy decided the route outright: the order is fixed, and a ranked
   * answer from this policy is applied as a filter only (hard limits still hold).
   */
  readonly locked: boolean;
  readonly context: PolicyContext;
};

/** A candidate a policy removed, and why. */
export type DroppedCandidate = { readonly target: string; readonly reason: string };

/** What a policy answers. */
export type PolicyDecision =
  /** Keep these candidates (a subset of the input), in this order. */
  | {
      readonly type: 'ranked';
      readonly candidates: readonly Candidate[];
      readonly reason: string;
      readonly dropped?: readonly DroppedCandidate[];
    }
  /**
   * Decide the route outright: primary first, then fallbacks. Later policies may still remove
   * candidates that break a hard limit, but no longer reorder.
   */
  | {
      readonly type: 'decided';
      readonly candidates: readonly Candidate[];
      readonly reason: string;
      readonly dropped?: readonly DroppedCandidate[];
    }
  /** Nothing in the input is acceptable. */
  | { readonly type: 'rejected'; readonly reason: string; readonly dropped?: readonly DroppedCandidate[] }
  /** The policy has nothing to say about this request. */
  | { readonly type: 'not-applicable'; readonly reason?: string };

/**
 * A routing policy: a plain object with a versioned spec. Policies are synchronous and pure;
 * anything live (health, load) reaches them through `context`.
 *
 * @example
 * const preferOllama: RoutingPolicyV1 = {
 *   specificationVersion: 'v1',
 *   name: 'prefer-ollama',
 *   decide: ({ candidates }) => ({
 *     type: 'ranked',
 *     reason: 'ollama first',
 *     candidates: [...candidates].sort((a, b) =>
 *       Number(b.target.kind === 'ollama') - Number(a.target.kind === 'ollama')),
 *   }),
 * };
 */
export type RoutingPolicyV1 = {
  readonly specificationVersion: 'v1';
  readonly name: string;
  decide(input: PolicyInput): PolicyDecision;
};
