import type { RouteHop } from '../spec/routing-decision.js';
import type { Candidate } from '../spec/target.js';

/**
 * The flat record of one hop, as decisions and the CLI show it.
 *
 * @example
 * routeHopOf(decision.chain[0]) // { target: 'ollama-llama3.1-8b', kind: 'ollama', … }
 */
export function routeHopOf(candidate: Candidate): RouteHop {
  const { target } = candidate;
  // An object literal, not a spread: this runs on every decision, and spreads cost ~50× more here.
  return {
    target: target.id,
    backend: target.backend,
    kind: target.kind,
    model: candidate.model,
    quantization: target.quantization,
    tier: target.tier,
    locality: target.locality,
    timeoutMs: candidate.timeoutMs ?? target.timeoutMs,
  };
}

/** Identity of a candidate in a route: the target plus the model asked of it. */
export function candidateKey(candidate: Candidate): string {
  return candidate.model === candidate.target.model
    ? candidate.target.id
    : `${candidate.target.id}\u0000${candidate.model}`;
}
