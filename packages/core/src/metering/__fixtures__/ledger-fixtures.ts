import { routeHopOf } from '../../engine/route-hop.js';
import { profileRequest } from '../../profile/profile-request.js';
import type { NormalizedUsage } from '../../spec/backend.js';
import type { AttemptRecord, RequestEndEvent } from '../../spec/router-events.js';
import type { RoutingDecision } from '../../spec/routing-decision.js';
import { candidateOf, type Target } from '../../spec/target.js';

const capabilities = {
  contextWindow: 32_768,
  tools: true,
  structuredOutput: 'native',
  vision: false,
} as const;

/** Local tier 1 on a $0.72/h GPU. */
export const localTarget: Target = {
  id: 'llama-8b',
  backend: 'ollama',
  kind: 'ollama',
  model: 'llama3.1:8b',
  quantization: 'Q4_K_M',
  tier: 1,
  locality: 'local',
  capabilities,
  price: { type: 'gpu-hourly', gpuHourlyUsd: 0.72 },
};

/** Cloud tier 3 at gpt-4o prices. */
export const cloudTarget: Target = {
  id: 'gpt-4o',
  backend: 'openai',
  kind: 'openai',
  model: 'gpt-4o',
  quantization: null,
  tier: 3,
  locality: 'cloud',
  capabilities,
  price: {
    type: 'per-token',
    inputPerMillionUsd: 2.5,
    cachedInputPerMillionUsd: 1.25,
    outputPerMillionUsd: 10,
  },
};

/** A local target nobody priced. */
export const unpricedTarget: Target = {
  id: 'qwen-14b',
  backend: 'llamacpp',
  kind: 'llamacpp',
  model: 'qwen2.5-14b',
  quantization: 'Q4_K_M',
  tier: 2,
  locality: 'local',
  capabilities,
};

/** Usage with the given counts. */
export function usageOf(inputTokens: number, outputTokens: number, extra: Partial<NormalizedUsage> = {}) {
  return { inputTokens, outputTokens, cachedInputTokens: 0, reasoningTokens: 0, ...extra };
}

/** A decision over `chain` (primary first) for a summarising request. */
export function decisionOf(requestId: string, chain: readonly Target[]): RoutingDecision {
  const candidates = chain.map(candidateOf);
  const profile = profileRequest({
    model: 'auto',
    messages: [{ role: 'user', content: 'Summarize this: the meeting moved to Friday.' }],
  });
  return {
    ...routeHopOf(candidates[0] as (typeof candidates)[number]),
    requestId,
    reasons: ['cost: cheapest first'],
    fallbacks: candidates.slice(1).map(routeHopOf),
    trace: [],
    profile,
    decidedBy: undefined,
    chain: candidates,
  };
}

/** An attempt on `target` (hop 0, first call, ok, 1 s) unless overridden. */
export function attemptOf(target: Target, overrides: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    target: target.id,
    backend: target.backend,
    kind: target.kind,
    model: target.model,
    tier: target.tier,
    locality: target.locality,
    hop: 0,
    retry: 0,
    stream: false,
    status: 'ok',
    latencyMs: 1000,
    warnings: [],
    ...overrides,
  };
}

/** A successful, one-attempt request-end event on `decision`'s primary, unless overridden. */
export function requestEndOf(
  decision: RoutingDecision,
  overrides: Partial<RequestEndEvent> = {},
): RequestEndEvent {
  const primary = decision.chain[0]?.target as Target;
  const usage = usageOf(100, 20);
  return {
    requestId: decision.requestId,
    stream: false,
    outcome: 'success',
    decision,
    target: routeHopOf(candidateOf(primary)),
    attempts: [attemptOf(primary, { usage })],
    fallbacks: [],
    escalations: [],
    validationFailures: [],
    skipped: [],
    retries: 0,
    warnings: [],
    usage,
    totalUsage: usage,
    timing: { totalMs: 1010 },
    ...overrides,
  };
}
