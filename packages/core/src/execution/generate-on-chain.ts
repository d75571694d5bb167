import { BackendCallError } from '../errors/backend-call-error.js';
import { ExecutionError } from '../errors/execution-error.js';
import type { BackendGenerateResult } from '../spec/backend.js';
import type { ChatCompletion } from '../spec/chat-completion.js';
import type { RequestEndEvent } from '../spec/router-events.js';
import type { Candidate } from '../spec/target.js';
import { advanceChain } from './advance-chain.js';
import { buildTargetRequest } from './build-target-request.js';
import { createCallSignal } from './call-signal.js';
import { enterHop, hopTimeouts } from './enter-hop.js';
import { errorAction } from './error-action.js';
import { abortedError, exhaustedError, stoppedError, unexpectedError } from './execution-failures.js';
import type { AttemptStart } from './execution-recorder.js';
import type { ExecutorContext, RequestRun } from './executor-context.js';
import { backendFor, missingBackend } from './missing-backend.js';
import { type CompletionCheck, checkCompletion, type OutputValidator } from './output-validator.js';
import { pauseBeforeRetry } from './pause-before-retry.js';
import { type QualityGateFailure, runQualityGates } from './quality-gate.js';
import { raceSignal } from './race-signal.js';
import { retryDelay } from './retry-delay.js';
import { toCallError } from './to-call-error.js';

/** A successful non-streaming execution: the answer, who gave it, and the full record. */
export type GenerateOutcome = {
  readonly completion: ChatCompletion;
  /** The parsed (and, for zod, transformed) value of structured output; `undefined` otherwise. */
  readonly value: unknown;
  readonly candidate: Candidate;
  readonly report: RequestEndEvent;
};

type Answer = {
  readonly completion: ChatCompletion;
  readonly value: unknown;
  readonly result: BackendGenerateResult;
  readonly candidate: Candidate;
};

/** How one hop ended. */
type HopOutcome =
  | { readonly type: 'answered'; readonly answer: Answer }
  | { readonly type: 'skipped'; readonly cause: 'circuit-open' | 'saturated'; readonly detail: string }
  | { readonly type: 'failed'; readonly error: BackendCallError; readonly action: 'fail-over' | 're-route' }
  | { readonly type: 'stopped'; readonly error: BackendCallError }
  | { readonly type: 'invalid-output'; readonly error: BackendCallError; readonly errors: readonly string[] }
  | { readonly type: 'gate-failed'; readonly answer: Answer; readonly failure: QualityGateFailure };

/**
 * Runs a request down its routing decision's chain without streaming: per hop, retries with
 * backoff on retryable errors, validation retries at lower temperatures, quality gates; between
 * hops, fail-over, re-route on context overflow, and escalation to a stronger tier. Resolves with
 * the first accepted answer or rejects with an {@link ExecutionError}; either way it settles once
 * and emits `request-end` once.
 *
 * @example
 * const outcome = await generateOnChain(context, run, requestOutputValidator(request));
 */
export async function generateOnChain(
  context: ExecutorContext,
  run: RequestRun,
  validator: OutputValidator | undefined,
): Promise<GenerateOutcome> {
  const { recorder } = run;
  const chain = run.decision.chain;
  try {
    let index: number | undefined = 0;
    let held: { answer: Answer; failure: QualityGateFailure } | undefined;
    let lastError: BackendCallError | undefined;
    let lastCandidate: Candidate | undefined;
    let lastValidationErrors: readonly string[] | undefined;
    let skipCause: 'circuit-open' | 'saturated' | undefined;

    while (index !== undefined && index < chain.length) {
      const candidate = chain[index] as Candidate;
      const outcome = await runHop(context, run, index, validator);
      switch (outcome.type) {
        case 'answered':
          return succeed(run, outcome.answer);
        case 'skipped':
          skipCause = outcome.cause;
          recorder.skip([{ target: candidate.target.id, hop: index, reason: outcome.cause }]);
          index = advanceChain(run, index, { kind: 'fallback', cause: outcome.cause, rule: 'next' });
          break;
        case 'stopped':
          if (held === undefined) throw stoppedError(run, candidate, outcome.error);
          index = undefined;
          break;
        case 'failed':
          lastError = outcome.error;
          lastCandidate = candidate;
          lastValidationErrors = undefined;
          index = advanceChain(run, index, {
            kind: 'fallback',
            cause: outcome.error.code,
            rule: outcome.action === 're-route' ? 'larger-window' : 'next',
          });
          break;
        case 'invalid-output':
          lastError = outcome.error;
          lastCandidate = candidate;
          lastValidationErrors = outcome.errors;
          index = context.options.validation.escalate
            ? advanceChain(run, index, {
                kind: 'escalation',
                reason: 'invalid-output',
                detail: outcome.errors.join('; '),
                rule: 'higher-tier-or-next',
              })
            : undefined;
          break;
        case 'gate-failed': {
          held = { answer: outcome.answer, failure: outcome.failure };
          index = advanceChain(run, index, {
            kind: 'escalation',
            reason: 'quality-gate',
            detail: `${outcome.failure.gate}: ${outcome.failure.reason}`,
            rule: 'higher-tier',
          });
          break;
        }
      }
    }

    if (held !== undefined) {
      const { answer, failure } = held;
      const message = `quality gate '${failure.gate}' failed on '${answer.candidate.target.id}' (${failure.reason}) and no stronger target gave a better answer`;
      if (context.options.onQualityGateFailure === 'return') {
        recorder.warn(`${message}; returning its answer`);
        return succeed(run, answer);
      }
      throw recorder.error({ failure: 'exhausted', code: 'invalid-output', summary: message });
    }
    throw exhaustedError(run, {
      error: lastError,
      candidate: lastCandidate,
      validationErrors: lastValidationErrors,
      skipCause,
    });
  } catch (error) {
    const failure = ExecutionError.isInstance(error) ? error : unexpectedError(run, error);
    recorder.fail(failure);
    throw failure;
  }
}

function succeed(run: RequestRun, answer: Answer): GenerateOutcome {
  const report = run.recorder.succeed(answer.candidate, answer.result.usage, answer.result.timing);
  return { completion: answer.completion, value: answer.value, candidate: answer.candidate, report };
}

type CallResult =
  | { readonly ok: true; readonly result: BackendGenerateResult; readonly start: AttemptStart }
  | { readonly ok: false; readonly error: BackendCallError; readonly start: AttemptStart }
  | { readonly ok: 'skip'; readonly cause: 'circuit-open' | 'saturated'; readonly detail: string };

async function runHop(
  context: ExecutorContext,
  run: RequestRun,
  hop: number,
  validator: OutputValidator | undefined,
): Promise<HopOutcome> {
  const candidate = run.decision.chain[hop] as Candidate;
  const { recorder } = run;
  const { validation } = context.options;
  let calls = 0;
  let errorRetries = 0;
  let validationRetries = 0;
  let temperature: number | undefined;

  for (;;) {
    const call = await callOnce(context, run, candidate, hop, calls, temperature);
    if (call.ok === 'skip') return { type: 'skipped', cause: call.cause, detail: call.detail };
    calls += 1;

    if (!call.ok) {
      const { error, start } = call;
      const action = errorAction(error);
      if (action === 'stop') return { type: 'stopped', error };
      if (action !== 'retry') return { type: 'failed', error, action };
      if (errorRetries + 1 >= context.options.maxAttemptsPerTarget) {
        return { type: 'failed', error, action: 'fail-over' };
      }
      const delayMs = retryDelay(error, errorRetries, context.options, context.options.random);
      if (delayMs === undefined) return { type: 'failed', error, action: 'fail-over' };
      errorRetries += 1;
      recorder.retry(start, error.code, delayMs);
      await pauseBeforeRetry(context, run, delayMs);
      continue;
    }

    const { result, start } = call;
    const warnings = result.warnings;
    let check: CompletionCheck = { ok: true, value: undefined, completion: result.completion };
    if (validator !== undefined) check = checkCompletion(result.completion, validator);
    if (!check.ok) {
      recorder.endAttempt(start, {
        status: 'rejected',
        rejection: { by: 'validation', reason: check.errors.join('; ') },
        errorCode: 'invalid-output',
        usage: result.usage,
        timing: result.timing,
        warnings,
      });
      recorder.validationFailure({
        target: candidate.target.id,
        hop,
        retry: start.retry,
        ...(temperature === undefined ? {} : { temperature }),
        errors: check.errors,
      });
      if (validationRetries + 1 < validation.maxAttempts) {
        const step =
          validation.temperatureSteps[Math.min(validationRetries, validation.temperatureSteps.length - 1)];
        const requested = run.request.temperature;
        temperature = Math.min(
          step ?? 0,
          typeof requested === 'number' ? requested : Number.POSITIVE_INFINITY,
        );
        validationRetries += 1;
        recorder.retry(start, 'invalid-output', 0);
        continue;
      }
      const error = new BackendCallError({
        message: `the answer of '${candidate.target.id}' is not ${validator?.description}: ${check.errors.join('; ')}`,
        code: 'invalid-output',
        backend: candidate.target.backend,
        phase: 'stream',
        isRetryable: false,
      });
      return { type: 'invalid-output', error, errors: check.errors };
    }

    const answer: Answer = { completion: check.completion, value: check.value, result, candidate };
    const failure = runQualityGates(context.qualityGates, check.completion, run.request);
    if (failure !== undefined) {
      recorder.endAttempt(start, {
        status: 'rejected',
        rejection: { by: 'quality-gate', gate: failure.gate, reason: failure.reason },
        usage: result.usage,
        timing: result.timing,
        warnings,
      });
      return { type: 'gate-failed', answer, failure };
    }
    recorder.endAttempt(start, { status: 'ok', usage: result.usage, timing: result.timing, warnings });
    return { type: 'answered', answer };
  }
}

/**
 * One call: circuit check and slot, the per-call signal, the backend call raced against it. The
 * slot is released as soon as the call ends, before any backoff wait. Records a failed call.
 */
async function callOnce(
  context: ExecutorContext,
  run: RequestRun,
  candidate: Candidate,
  hop: number,
  retry: number,
  temperature: number | undefined,
): Promise<CallResult> {
  const entry = await enterHop(context, run, candidate);
  if (entry.type === 'aborted') throw abortedError(run);
  if (entry.type === 'skip') return { ok: 'skip', cause: entry.cause, detail: entry.detail };
  const { target } = candidate;
  const { timeoutMs } = hopTimeouts(candidate, context.options);
  const signal = createCallSignal({ caller: run.signal, timeoutMs });
  const start = run.recorder.startAttempt(candidate, hop, retry, temperature);
  const backend = backendFor(context.backends, candidate);
  try {
    if (backend === undefined) throw missingBackend(candidate);
    const request = buildTargetRequest(run.request, candidate, { temperature });
    const result = await raceSignal(
      backend.doGenerate({ request, model: candidate.model, signal: signal.signal }),
      signal.signal,
    );
    context.health.recordSuccess(target.id, context.options.now() - start.startedAt);
    return { ok: true, result, start };
  } catch (thrown) {
    const error = toCallError(thrown, {
      signal,
      targetId: target.id,
      backendId: target.backend,
      phase: 'connect',
      timeoutMs,
    });
    run.recorder.endAttempt(start, { status: 'error', error });
    if (error.code === 'aborted' && signal.abortReason() === 'caller') throw abortedError(run, error);
    if (backend !== undefined) context.health.recordFailure(target.id, error);
    return { ok: false, error, start };
  } finally {
    signal.dispose();
    entry.release();
  }
}
