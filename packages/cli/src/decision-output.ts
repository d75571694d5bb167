import type { RouteHop, RoutingDecision } from '@switchyard/core';

/** One hop as `switchyard route` prints it. */
export type HopOutput = {
  readonly target: string;
  readonly backend: string;
  readonly kind: string;
  readonly model: string;
  readonly quantization: string | null;
  readonly tier: number;
  readonly locality: string;
  readonly timeoutMs: number | null;
};

/** The JSON object `switchyard route` prints for a decision. */
export type DecisionOutput = HopOutput & {
  readonly reasons: readonly string[];
  readonly fallbacks: readonly HopOutput[];
  readonly requestId: string;
  readonly decidedBy: string | null;
  readonly profile: RoutingDecision['profile'];
  readonly trace: RoutingDecision['trace'];
};

/**
 * The printed form of a decision: the primary hop's fields, reasons, fallbacks (same fields),
 * request id, the deciding policy, the profile and the per-policy trace. Absent values are `null`,
 * so every key is always there. Target data beyond the hop (prices, capabilities) is left out.
 *
 * @example
 * io.stdout.write(`${JSON.stringify(decisionOutput(decision), null, 2)}\n`);
 */
export function decisionOutput(decision: RoutingDecision): DecisionOutput {
  return {
    ...hopOutput(decision),
    reasons: decision.reasons,
    fallbacks: decision.fallbacks.map(hopOutput),
    requestId: decision.requestId,
    decidedBy: decision.decidedBy ?? null,
    profile: decision.profile,
    trace: decision.trace,
  };
}

function hopOutput(hop: RouteHop): HopOutput {
  return {
    target: hop.target,
    backend: hop.backend,
    kind: hop.kind,
    model: hop.model,
    quantization: hop.quantization,
    tier: hop.tier,
    locality: hop.locality,
    timeoutMs: hop.timeoutMs ?? null,
  };
}

/**
 * JSON text with two-space indent and a final newline; `undefined` object values print as `null`
 * (a profile's unset `maxOutputTokens`, say), so consumers see a stable set of keys.
 *
 * @example
 * toJsonText({ a: undefined }) // '{\n  "a": null\n}\n'
 */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, (_key, item: unknown) => (item === undefined ? null : item), 2)}\n`;
}
