import { NoRouteError } from '../errors/no-route-error.js';
import { PolicyError } from '../errors/policy-error.js';
import type { ChatRequest } from '../request/chat-request-schema.js';
import type { DroppedCandidate, PolicyContext, RoutingPolicyV1 } from '../spec/policy.js';
import type { RequestProfile } from '../spec/request-profile.js';
import type { PolicyTraceEntry } from '../spec/routing-decision.js';
import type { Candidate } from '../spec/target.js';
import { candidateKey } from './route-hop.js';

/** The outcome of the policy pipeline. */
export type PipelineResult = {
  readonly candidates: readonly Candidate[];
  readonly trace: readonly PolicyTraceEntry[];
  readonly reasons: readonly string[];
  readonly decidedBy: string | undefined;
};

type PipelineInput = {
  readonly requestId: string;
  readonly request: ChatRequest;
  readonly profile: RequestProfile;
  readonly candidates: readonly Candidate[];
  readonly policies: readonly RoutingPolicyV1[];
  readonly context: PolicyContext;
};

/**
 * Runs the policies in order over the candidates. A policy can only narrow the set: anything it
 * returns that was not in its input is ignored, so no later policy can bring back a target that a
 * hard limit removed. After a policy answers `decided`, the order is locked and later answers act
 * as filters only. Throws {@link NoRouteError} when a policy rejects or leaves nothing.
 *
 * @example
 * const { candidates, trace } = runPolicies({ requestId, request, profile, candidates: all, policies, context });
 */
export function runPolicies(input: PipelineInput): PipelineResult {
  let candidates = input.candidates;
  let decidedBy: string | undefined;
  const trace: PolicyTraceEntry[] = [];
  const reasons: string[] = [];

  for (const policy of input.policies) {
    const locked = decidedBy !== undefined;
    let answer: ReturnType<RoutingPolicyV1['decide']>;
    try {
      answer = policy.decide({
        request: input.request,
        profile: input.profile,
        candidates,
        locked,
        context: input.context,
      });
    } catch (error) {
      throw new PolicyError({ policy: policy.name, requestId: input.requestId, cause: error });
    }

    if (answer.type === 'not-applicable') {
      trace.push({
        policy: policy.name,
        outcome: 'not-applicable',
        reason: answer.reason ?? 'not applicable',
        dropped: [],
        remaining: idsOf(candidates),
      });
      continue;
    }
    if (answer.type === 'rejected') {
      trace.push({
        policy: policy.name,
        outcome: 'rejected',
        reason: answer.reason,
        dropped: answer.dropped ?? candidates.map((c) => ({ target: c.target.id, reason: answer.reason })),
        remaining: [],
      });
      throw new NoRouteError({ requestId: input.requestId, trace });
    }

    const next = locked
      ? keepListed(candidates, answer.candidates)
      : onlyKnownTargets(candidates, answer.candidates);
    const dropped = answer.dropped ?? droppedBetween(candidates, next, answer.reason);
    const outcome = locked ? (next.length === candidates.length ? 'ranked' : 'filtered') : answer.type;
    trace.push({ policy: policy.name, outcome, reason: answer.reason, dropped, remaining: idsOf(next) });
    reasons.push(`${policy.name}: ${answer.reason}`);
    if (answer.type === 'decided' && !locked) decidedBy = policy.name;
    candidates = next;
    if (candidates.length === 0) throw new NoRouteError({ requestId: input.requestId, trace });
  }
  return { candidates, trace, reasons, decidedBy };
}

/** Keeps the current order, removing what the policy did not list (used once the route is locked). */
function keepListed(current: readonly Candidate[], listed: readonly Candidate[]): readonly Candidate[] {
  if (listed === current || listed.length === current.length) return current;
  const keys = new Set(listed.map(candidateKey));
  return current.filter((candidate) => keys.has(candidateKey(candidate)));
}

/** The policy's order, minus any candidate whose target was not in its input; duplicates removed. */
function onlyKnownTargets(
  current: readonly Candidate[],
  proposed: readonly Candidate[],
): readonly Candidate[] {
  if (proposed === current || isSubsetOfSameObjects(current, proposed)) return proposed;
  const known = new Set<string>();
  for (const candidate of current) known.add(candidate.target.id);
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const candidate of proposed) {
    const key = candidateKey(candidate);
    if (!known.has(candidate.target.id) || seen.has(key)) continue;
    seen.add(key);
    out.push(candidate);
  }
  return out;
}

/** True when every proposed candidate is one of `current`'s own objects, none repeated (the common case). */
function isSubsetOfSameObjects(current: readonly Candidate[], proposed: readonly Candidate[]): boolean {
  for (let index = 0; index < proposed.length; index++) {
    const candidate = proposed[index];
    if (!current.includes(candidate as Candidate)) return false;
    for (let earlier = 0; earlier < index; earlier++) if (proposed[earlier] === candidate) return false;
  }
  return true;
}

function droppedBetween(
  before: readonly Candidate[],
  after: readonly Candidate[],
  reason: string,
): readonly DroppedCandidate[] {
  if (after.length >= before.length) return [];
  const kept = new Set(after.map((candidate) => candidate.target.id));
  const dropped: DroppedCandidate[] = [];
  for (const candidate of before) {
    if (!kept.has(candidate.target.id)) dropped.push({ target: candidate.target.id, reason });
  }
  return dropped;
}

function idsOf(candidates: readonly Candidate[]): readonly string[] {
  return candidates.map((candidate) => candidate.target.id);
}
