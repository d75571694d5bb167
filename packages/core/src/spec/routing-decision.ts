import type { RequestProfile } from './request-profile.js';
import type { BackendKind, Candidate, Locality, Tier } from './target.js';

/** One hop of a route, as a flat record (what the CLI prints for the primary and each fallback). */
export type RouteHop = {
  /** Target id. */
  readonly target: string;
  /** Backend id. */
  readonly backend: string;
  readonly kind: BackendKind;
  /** Model name sent to the backend (mapped by the routing table where it says so). */
  readonly model: string;
  readonly quantization: string | null;
  readonly tier: Tier;
  readonly locality: Locality;
  /** Timeout for this hop, in ms, when one is set. */
  readonly timeoutMs?: number;
};

/** What one policy did to the candidate list. */
export type PolicyTraceEntry = {
  readonly policy: string;
  readonly outcome: 'ranked' | 'decided' | 'rejected' | 'not-applicable' | 'filtered';
  readonly reason: string;
  /** Candidates this policy removed, with the reason for each. */
  readonly dropped: readonly { readonly target: string; readonly reason: string }[];
  /** Target ids left after this policy, best first. */
  readonly remaining: readonly string[];
};

/**
 * The router's answer: the primary hop, the ordered fallback hops (each of which satisfies every
 * hard limit of the request), the reasons, and the full per-policy trace.
 */
export type RoutingDecision = RouteHop & {
  readonly requestId: string;
  /** Human-readable reasons, one per policy that had something to say. */
  readonly reasons: readonly string[];
  readonly fallbacks: readonly RouteHop[];
  readonly trace: readonly PolicyTraceEntry[];
  readonly profile: RequestProfile;
  /** The policy that decided the route outright, if one did. */
  readonly decidedBy: string | undefined;
  /** Primary first, then fallbacks: the candidates the executor runs, with full target data. */
  readonly chain: readonly Candidate[];
};
