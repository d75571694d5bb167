import {
  type Candidate,
  type ChatRequest,
  candidateOf,
  type PolicyDecision,
  type RequestProfile,
  type RoutingPolicyV1,
  type Target,
  type TargetHealth,
} from '@switchyard/core';
import { testProfile } from './test-profile.js';

/** What {@link decideWith} passes to the policy; everything but `targets` has a default. */
export type DecideWithInput = {
  readonly targets: readonly Target[];
  readonly profile?: Partial<RequestProfile>;
  readonly model?: string;
  readonly locked?: boolean;
  /** Health by target id; unlisted targets are `unknown`. */
  readonly health?: Readonly<Record<string, TargetHealth>>;
  /** Value returned by `context.random()` (default 0). */
  readonly random?: number;
  /** Candidates to pass instead of `targets.map(candidateOf)` (e.g. with model overrides). */
  readonly candidates?: readonly Candidate[];
};

/**
 * Runs one policy on hand-built input with a fixed clock (`now()` = 1_700_000_000_000) and a fixed
 * `random()`, and checks that the policy did not mutate its input.
 *
 * @example
 * const decision = decideWith(privacyPolicy(), { targets, profile: { privacy: 'local-only' } });
 */
export function decideWith(policy: RoutingPolicyV1, input: DecideWithInput): PolicyDecision {
  return decideWithInput(policy, input).decision;
}

/**
 * Like {@link decideWith}, but also returns the candidate array the policy got, so a test can check
 * that an unchanged answer reuses it.
 *
 * @example
 * const { decision, candidates } = decideWithInput(policy, { targets });
 * expect(decision.type === 'ranked' && decision.candidates).toBe(candidates);
 */
export function decideWithInput(
  policy: RoutingPolicyV1,
  input: DecideWithInput,
): { decision: PolicyDecision; candidates: readonly Candidate[] } {
  const candidates = Object.freeze([...(input.candidates ?? input.targets.map(candidateOf))]);
  const snapshot = JSON.stringify(candidates);
  const request: ChatRequest = {
    model: input.model ?? 'auto',
    messages: [{ role: 'user', content: 'hello' }],
  };
  const decision = policy.decide({
    request,
    profile: testProfile(input.profile),
    candidates,
    locked: input.locked ?? false,
    context: {
      now: () => 1_700_000_000_000,
      random: () => input.random ?? 0,
      health: { health: (targetId) => input.health?.[targetId] ?? 'unknown' },
    },
  });
  if (JSON.stringify(candidates) !== snapshot) throw new Error(`policy '${policy.name}' mutated its input`);
  return { decision, candidates };
}

/**
 * Target ids of a ranked or decided answer, in order; `[]` for any other answer.
 *
 * @example
 * expect(idsOf(decision)).toEqual(['local-8b', 'gpt-4o']);
 */
export function idsOf(decision: PolicyDecision): string[] {
  if (decision.type !== 'ranked' && decision.type !== 'decided') return [];
  return decision.candidates.map((candidate) => candidate.target.id);
}
