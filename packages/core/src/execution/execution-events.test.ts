import { describe, expect, it } from 'vitest';
import type { RequestEndEvent } from '../spec/router-events.js';
import type { FakeStep } from './__fixtures__/fake-backend.js';
import { fakeTarget, testSetup, userRequest } from './__fixtures__/test-router.js';

const local = fakeTarget({ id: 'local', tier: 1 });
const cloud = fakeTarget({
  id: 'cloud',
  tier: 3,
  locality: 'cloud',
  model: 'gpt-x',
  quantization: null,
});

describe('execution events', () => {
  it('emits attempt, retry, fallback and a complete request-end, in order', async () => {
    let time = 0;
    const setup = testSetup(
      [local, cloud],
      {
        local: [
          { type: 'error', code: 'overloaded', retryAfterMs: 1_000 },
          { type: 'error', code: 'overloaded' },
        ],
        cloud: [
          {
            type: 'answer',
            content: 'done',
            usage: { inputTokens: 100, outputTokens: 20, providerCostUsd: 0.01 },
          },
        ],
      },
      { now: () => (time += 5), requestId: () => 'req-1' },
    );
    await setup.router.generate(userRequest('hi', { switchyard: { tags: ['billing'] } }));
    expect(setup.events.map((event) => event.name)).toEqual([
      'attempt-start',
      'attempt-end',
      'retry',
      'attempt-start',
      'attempt-end',
      'fallback',
      'attempt-start',
      'attempt-end',
      'request-end',
    ]);
    expect(setup.events[0]?.payload).toEqual({
      requestId: 'req-1',
      target: 'local',
      backend: 'local',
      model: 'local-model',
      hop: 0,
      retry: 0,
      stream: false,
    });
    expect(setup.events[2]?.payload).toEqual({
      requestId: 'req-1',
      target: 'local',
      hop: 0,
      retry: 1,
      cause: 'overloaded',
      delayMs: 1_000,
    });
    expect(setup.events[5]?.payload).toEqual({
      requestId: 'req-1',
      from: 'local',
      to: 'cloud',
      cause: 'overloaded',
    });

    const end = setup.events.at(-1)?.payload as RequestEndEvent;
    expect(end).toMatchObject({
      requestId: 'req-1',
      stream: false,
      outcome: 'success',
      target: { target: 'cloud', locality: 'cloud', tier: 3, model: 'gpt-x' },
      retries: 1,
      fallbacks: [{ from: 'local', to: 'cloud', cause: 'overloaded' }],
      escalations: [],
      validationFailures: [],
      skipped: [],
      warnings: [],
      usage: { inputTokens: 100, outputTokens: 20, providerCostUsd: 0.01 },
      totalUsage: { inputTokens: 100, outputTokens: 20, providerCostUsd: 0.01 },
    });
    expect(end.decision.target).toBe('local');
    expect(end.decision.profile.tags).toEqual(['billing']);
    expect(end.timing.totalMs).toBeGreaterThan(0);
    expect(end.timing.call).toEqual({ durationMs: 0 });
    expect(end.error).toBeUndefined();
    expect(
      end.attempts.map((attempt) => ({
        target: attempt.target,
        model: attempt.model,
        locality: attempt.locality,
        status: attempt.status,
        errorCode: attempt.errorCode,
        retry: attempt.retry,
        outputTokens: attempt.usage?.outputTokens,
      })),
    ).toEqual([
      {
        target: 'local',
        model: 'local-model',
        locality: 'local',
        status: 'error',
        errorCode: 'overloaded',
        retry: 0,
        outputTokens: undefined,
      },
      {
        target: 'local',
        model: 'local-model',
        locality: 'local',
        status: 'error',
        errorCode: 'overloaded',
        retry: 1,
        outputTokens: undefined,
      },
      {
        target: 'cloud',
        model: 'gpt-x',
        locality: 'cloud',
        status: 'ok',
        errorCode: undefined,
        retry: 0,
        outputTokens: 20,
      },
    ]);
    expect(end.attempts.every((attempt) => attempt.latencyMs > 0)).toBe(true);
  });

  it('reports a failed request with its error in request-end', async () => {
    const setup = testSetup([local], { local: [{ type: 'error', code: 'unauthorized' }] });
    await setup.router.generate(userRequest()).catch(() => undefined);
    const end = setup.events.at(-1)?.payload as RequestEndEvent;
    expect(end.outcome).toBe('error');
    expect(end.error?.code).toBe('unauthorized');
    expect(end.target?.target).toBe('local');
  });

  it('keeps serving when a listener throws, and reports the listener error', async () => {
    const reported: string[] = [];
    const setup = testSetup(
      [local],
      {},
      {
        execution: { onListenerError: (_error, event) => reported.push(event) },
      },
    );
    setup.router.events.on('attempt-end', () => {
      throw new Error('sink down');
    });
    const result = await setup.router.generate(userRequest());
    expect(result.target.target).toBe('local');
    expect(reported).toEqual(['attempt-end']);
  });
});

describe('exactly-once settlement', () => {
  const scripts: Record<string, readonly FakeStep[]>[] = [
    {},
    { local: [{ type: 'error', code: 'overloaded' }] },
    { local: [{ type: 'error', code: 'invalid-request' }] },
    { local: [{ type: 'hang' }], cloud: [{ type: 'hang' }] },
    { local: [{ type: 'stream-error', pieces: ['x'], code: 'network' }] },
    { local: [{ type: 'error', code: 'quota-exhausted' }], cloud: [{ type: 'error', code: 'network' }] },
  ];

  it.each(scripts.map((script, index) => ({ index, script })))(
    'script #$index: one settlement and one request-end per request, generate and stream',
    async ({ script }) => {
      const setup = testSetup([local, cloud], script, { execution: { defaultTimeoutMs: 20 } });
      let settledGenerate = 0;
      await setup.router.generate(userRequest(), { requestId: 'g' }).then(
        () => (settledGenerate += 1),
        () => (settledGenerate += 1),
      );
      const stream = setup.router.stream(userRequest(), { requestId: 's' });
      let settledStream = 0;
      stream.result.then(
        () => (settledStream += 1),
        () => (settledStream += 1),
      );
      try {
        for await (const _chunk of stream) {
          // drain
        }
      } catch {
        // the stream's error is asserted elsewhere
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(settledGenerate).toBe(1);
      expect(settledStream).toBe(1);
      const ends = setup.events
        .filter((event) => event.name === 'request-end')
        .map((event) => (event.payload as RequestEndEvent).requestId);
      expect(ends.sort()).toEqual(['g', 's']);
    },
  );
});
