import type { ChatRequest } from '../request/chat-request-schema.js';
import type { ChatCompletion } from '../spec/chat-completion.js';

/** A gate's verdict on an answer. */
export type QualityGateResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * A pluggable check on a (non-streamed) answer. A failing gate makes the executor escalate to the
 * next higher-tier hop instead of returning the answer; with none left, the answer is returned
 * with a warning (or an error is thrown, per `execution.onQualityGateFailure`). Checks must be
 * synchronous, pure and cheap.
 *
 * @example
 * const noLorem: QualityGate = {
 *   name: 'no-lorem',
 *   check: (completion) =>
 *     answerText(completion).includes('lorem ipsum') ? { ok: false, reason: 'placeholder text' } : { ok: true },
 * };
 */
export type QualityGate = {
  readonly name: string;
  check(completion: ChatCompletion, request: ChatRequest): QualityGateResult;
};

/** The first gate that failed, and why. */
export type QualityGateFailure = { readonly gate: string; readonly reason: string };

/**
 * Runs the gates in order and returns the first failure, or `undefined` when all pass. A gate that
 * throws counts as failing, with the exception as its reason.
 *
 * @example
 * const failure = runQualityGates([emptyAnswerGate(), refusalGate()], completion, request);
 */
export function runQualityGates(
  gates: readonly QualityGate[],
  completion: ChatCompletion,
  request: ChatRequest,
): QualityGateFailure | undefined {
  for (const gate of gates) {
    let result: QualityGateResult;
    try {
      result = gate.check(completion, request);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { gate: gate.name, reason: `the gate threw: ${detail}` };
    }
    if (!result.ok) return { gate: gate.name, reason: result.reason };
  }
  return undefined;
}

/**
 * The text of a completion's first choice (empty when it has none).
 *
 * @example
 * answerText(completion).trim().length
 */
export function answerText(completion: ChatCompletion): string {
  return completion.choices[0]?.message.content ?? '';
}
