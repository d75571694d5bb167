import { describe, expect, it } from 'vitest';
import { createRouter } from '../engine/create-router.js';
import type { BackendErrorCode } from '../errors/backend-call-error.js';
import { BackendCallError } from '../errors/backend-call-error.js';
import { ExecutionError } from '../errors/execution-error.js';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import { createFakeBackend } from './__fixtures__/fake-backend.js';
import { callOrder, fakeTarget, testSetup, userRequest } from './__fixtures__/test-router.js';

const primary = fakeTarget({ id: 'primary' });
const secondary = fakeTarget({ id: 'secondary' });

async function rejectionOf(promise: Promise<unknown>): Promise<ExecutionError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!ExecutionError.isInstance(error)) throw new Error(`expected an ExecutionError, got ${String(error)}`);
  return error;
}

describe('router.generate', () => {
  it('answers from the primary on the first try', async () => {
    const setup = testSetup([primary, secondary], { primary: [{ type: 'answer', content: 'hi there' }] });
    const result = await setup.router.generate(userRequest());
    expect(result.completion.choices[0]?.message.content).toBe('hi there');
    expect(result.target.target).toBe('primary');
    expect(result.attempts).toHaveLength(1);
    expect(result.attempts[0]).toMatchObject({ target: 'primary', status: 'ok', retry: 0, hop: 0 });
    expect(result).toMatchObject({ fallbacks: 0, retries: 0, escalations: 0 });
    expect(result.usage).toEqual({
      inputTokens: 10,
      outputTokens: 5,
      cachedInputTokens: 0,
      reasoningTokens: 0,
    });
    expect(setup.backends.secondary?.calls).toHaveLength(0);
  });

  it('retries the same target after the Retry-After the server asked for, then succeeds', async () => {
    const setup = testSetup([primary, secondary], {
      primary: [
        { type: 'error', code: 'rate-limited', retryAfterMs: 2_000 },
        { type: 'answer', content: 'ok' },
      ],
    });
    const result = await setup.router.generate(userRequest());
    expect(setup.sleeps).toEqual([2_000]);
    expect(callOrder(setup)).toEqual(['primary', 'primary']);
    expect(result.retries).toBe(1);
    expect(result.attempts.map((attempt) => [attempt.status, attempt.errorCode, attempt.retry])).toEqual([
      ['error', 'rate-limited', 0],
      ['ok', undefined, 1],
    ]);
  });

  it('backs off 0.5 s × 2^n with jitter when there is no Retry-After', async () => {
    const setup = testSetup(
      [primary, secondary],
      { primary: [{ type: 'error', code: 'overloaded' }] },
      { execution: { maxAttemptsPerTarget: 4 } },
    );
    await setup.router.generate(userRequest());
    // random() = 0.5 → each delay × (1 − 0.5 × 0.25) = × 0.875
    expect(setup.sleeps).toEqual([437.5, 875, 1_750]);
    expect(callOrder(setup)).toEqual(['primary', 'primary', 'primary', 'primary', 'secondary']);
  });

  it('fails over at once when Retry-After is longer than 60 s', async () => {
    const setup = testSetup([primary, secondary], {
      primary: [{ type: 'error', code: 'rate-limited', retryAfterMs: 120_000 }],
    });
    const result = await setup.router.generate(userRequest());
    expect(setup.sleeps).toEqual([]);
    expect(callOrder(setup)).toEqual(['primary', 'secondary']);
    expect(result.target.target).toBe('secondary');
  });

  it.each<{ code: BackendErrorCode; calls: string[] }>([
    { code: 'overloaded', calls: ['primary', 'primary', 'secondary'] },
    { code: 'unavailable', calls: ['primary', 'primary', 'secondary'] },
    { code: 'timeout', calls: ['primary', 'primary', 'secondary'] },
    { code: 'network', calls: ['primary', 'primary', 'secondary'] },
    { code: 'rate-limited', calls: ['primary', 'primary', 'secondary'] },
    { code: 'quota-exhausted', calls: ['primary', 'secondary'] },
    { code: 'model-not-found', calls: ['primary', 'secondary'] },
    { code: 'unsupported', calls: ['primary', 'secondary'] },
    { code: 'unknown', calls: ['primary', 'secondary'] },
  ])('fails over on $code (calls: $calls)', async ({ code, calls }) => {
    const setup = testSetup([primary, secondary], { primary: [{ type: 'error', code }] });
    const result = await setup.router.generate(userRequest());
    expect(callOrder(setup)).toEqual(calls);
    expect(result.target.target).toBe('secondary');
    expect(result.fallbacks).toBe(1);
    const fallback = setup.events.find((event) => event.name === 'fallback')?.payload;
    expect(fallback).toMatchObject({ from: 'primary', to: 'secondary', cause: code });
  });

  it.each<{ code: BackendErrorCode; message: RegExp }>([
    { code: 'invalid-request', message: /rejected the request as invalid.*no other target was tried/ },
    { code: 'unauthorized', message: /refused the credentials.*check the backend's API key/ },
  ])('stops on $code without trying another target', async ({ code, message }) => {
    const setup = testSetup([primary, secondary], { primary: [{ type: 'error', code }] });
    const error = await rejectionOf(setup.router.generate(userRequest()));
    expect(error.code).toBe(code);
    expect(error.failure).toBe('stopped');
    expect(error.message).toMatch(message);
    expect(BackendCallError.isInstance(error)).toBe(true);
    expect(setup.backends.secondary?.calls).toHaveLength(0);
  });

  it('re-routes a context overflow to the next hop with a larger window, skipping smaller ones', async () => {
    const small = fakeTarget({ id: 'small', capabilities: { contextWindow: 8_192 } });
    const sameSize = fakeTarget({ id: 'same-size', capabilities: { contextWindow: 8_192 } });
    const smaller = fakeTarget({ id: 'smaller', capabilities: { contextWindow: 4_096 } });
    const large = fakeTarget({ id: 'large', capabilities: { contextWindow: 131_072 } });
    const setup = testSetup([small, sameSize, smaller, large], {
      small: [{ type: 'error', code: 'context-length-exceeded' }],
    });
    const result = await setup.router.generate(userRequest());
    expect(callOrder(setup)).toEqual(['small', 'large']);
    expect(result.target.target).toBe('large');
    const end = setup.events.find((event) => event.name === 'request-end')?.payload;
    expect(end).toMatchObject({
      fallbacks: [{ from: 'small', to: 'large', cause: 'context-length-exceeded' }],
      skipped: [
        { target: 'same-size', hop: 1, reason: 'smaller-context-window' },
        { target: 'smaller', hop: 2, reason: 'smaller-context-window' },
      ],
    });
  });

  it('fails with context-length-exceeded when no hop has a larger window', async () => {
    const setup = testSetup([primary, secondary], {
      primary: [{ type: 'error', code: 'context-length-exceeded' }],
    });
    const error = await rejectionOf(setup.router.generate(userRequest()));
    expect(error.code).toBe('context-length-exceeded');
    expect(error.skipped).toEqual([{ target: 'secondary', hop: 1, reason: 'smaller-context-window' }]);
    expect(setup.backends.secondary?.calls).toHaveLength(0);
  });

  it('times out a slow call after the hop timeout and fails over without retrying it', async () => {
    const slow = fakeTarget({ id: 'slow', timeoutMs: 30 });
    const setup = testSetup([slow, secondary], { slow: [{ type: 'hang' }] });
    const result = await setup.router.generate(userRequest());
    expect(callOrder(setup)).toEqual(['slow', 'secondary']);
    expect(result.attempts[0]).toMatchObject({ status: 'error', errorCode: 'timeout' });
    expect(result.attempts[0]?.errorMessage).toBe("target 'slow' gave no complete answer within 30 ms");
    expect(setup.backends.slow?.calls[0]?.signal?.aborted).toBe(true);
  });

  it('holds the timeout even against a backend that ignores its signal', async () => {
    const stubborn = fakeTarget({ id: 'stubborn' });
    const setup = testSetup(
      [stubborn, secondary],
      { stubborn: [{ type: 'hang', ignoreSignal: true }] },
      { execution: { defaultTimeoutMs: 25 } },
    );
    const started = performance.now();
    const result = await setup.router.generate(userRequest());
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result.target.target).toBe('secondary');
  });

  it('prefers the route-level timeout over the target one', async () => {
    const slow = fakeTarget({ id: 'slow', timeoutMs: 10_000 });
    // A route can give a hop its own timeout; the executor honours it over the target's.
    const routed = testSetup(
      [slow, secondary],
      { slow: [{ type: 'hang' }] },
      {
        policies: [
          {
            specificationVersion: 'v1',
            name: 'short-hop',
            decide: ({ candidates }) => ({
              type: 'decided',
              reason: 'test route',
              candidates: candidates.map((candidate) =>
                candidate.target.id === 'slow' ? { ...candidate, timeoutMs: 20 } : candidate,
              ),
            }),
          },
        ],
      },
    );
    const result = await routed.router.generate(userRequest());
    expect(result.attempts[0]?.errorMessage).toBe("target 'slow' gave no complete answer within 20 ms");
  });

  it('stops everything on the caller abort: aborted, no fallback', async () => {
    const setup = testSetup([primary, secondary], { primary: [{ type: 'hang' }] });
    const controller = new AbortController();
    const pending = setup.router.generate(userRequest(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    const error = await rejectionOf(pending);
    expect(error.code).toBe('aborted');
    expect(error.failure).toBe('aborted');
    expect(setup.backends.secondary?.calls).toHaveLength(0);
  });

  it('stops during a backoff wait when the caller aborts', async () => {
    const controller = new AbortController();
    const setup = testSetup(
      [primary, secondary],
      { primary: [{ type: 'error', code: 'overloaded' }] },
      {
        execution: {
          sleep: async () => {
            controller.abort();
            throw new DOMException('aborted', 'AbortError');
          },
        },
      },
    );
    const error = await rejectionOf(setup.router.generate(userRequest(), { signal: controller.signal }));
    expect(error.code).toBe('aborted');
    expect(callOrder(setup)).toEqual(['primary']);
  });

  it('rejects with an ExecutionError listing every attempt when every target fails', async () => {
    const setup = testSetup([primary, secondary], {
      primary: [{ type: 'error', code: 'quota-exhausted' }],
      secondary: [{ type: 'error', code: 'model-not-found' }],
    });
    const error = await rejectionOf(setup.router.generate(userRequest()));
    expect(error.failure).toBe('exhausted');
    expect(error.code).toBe('model-not-found');
    expect(error.attempts).toEqual([
      { target: 'primary', model: 'primary-model', status: 'error', errorCode: 'quota-exhausted' },
      { target: 'secondary', model: 'secondary-model', status: 'error', errorCode: 'model-not-found' },
    ]);
    expect(error.message).toContain('primary (primary-model): quota-exhausted');
    expect(error.message).toContain('secondary (secondary-model): model-not-found');
    expect(error.message).not.toContain('Hello');
  });

  it('sends each target its own request: hints stripped, model mapped, prompt override, caller request untouched', async () => {
    const terse = fakeTarget({
      id: 'terse',
      prompt: { system: 'Respond with ONLY one word.', mode: 'append' },
    });
    const setup = testSetup([terse, secondary], { terse: [{ type: 'error', code: 'quota-exhausted' }] });
    const request = userRequest('Capital of France?', {
      messages: [
        { role: 'system', content: 'You are helpful.' },
        { role: 'user', content: 'Capital of France?' },
      ],
      switchyard: { privacy: 'any', tags: ['geo'] },
    });
    const snapshot = structuredClone(request);
    await setup.router.generate(request);
    const sentToTerse = setup.backends.terse?.calls[0]?.request;
    const sentToSecondary = setup.backends.secondary?.calls[0]?.request;
    expect(sentToTerse?.switchyard).toBeUndefined();
    expect(sentToTerse?.model).toBe('terse-model');
    expect(sentToTerse?.messages[0]).toEqual({
      role: 'system',
      content: 'You are helpful.\n\nRespond with ONLY one word.',
    });
    expect(sentToSecondary?.messages[0]).toEqual({ role: 'system', content: 'You are helpful.' });
    expect(setup.backends.secondary?.calls[0]?.model).toBe('secondary-model');
    expect(request).toEqual(snapshot);
  });

  it('refuses at creation a target whose backend has no adapter', () => {
    expect(() =>
      createRouter({
        targets: [primary, secondary],
        policies: [],
        backends: { primary: createFakeBackend('primary') },
      }),
    ).toThrow(InvalidConfigError);
    expect(() =>
      createRouter({
        targets: [primary, secondary],
        policies: [],
        backends: { primary: createFakeBackend('primary') },
      }),
    ).toThrow("targets[1].backend: no adapter for backend 'secondary' (target 'secondary')");
  });

  it('explains that generate needs backends', async () => {
    const router = createRouter({ targets: [primary], policies: [] });
    await expect(router.generate(userRequest())).rejects.toThrow(/needs backends/);
  });

  it('rejects bad execution options naming the field', () => {
    expect(() => testSetup([primary], {}, { execution: { maxAttemptsPerTarget: 0 } })).toThrow(
      'execution.maxAttemptsPerTarget: must be an integer ≥ 1',
    );
  });
});
