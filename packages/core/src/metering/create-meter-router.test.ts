import { describe, expect, test } from 'vitest';
import { fakeTarget, testSetup, userRequest } from '../execution/__fixtures__/test-router.js';
import { createMemorySink } from './create-memory-sink.js';
import { createMeter } from './create-meter.js';

/** The meter on a real router and executor, over fake backends. */
describe('createMeter on a router', () => {
  const local = fakeTarget({ id: 'local', price: { type: 'gpu-hourly', gpuHourlyUsd: 1 } });
  const cloud = fakeTarget({
    id: 'cloud',
    locality: 'cloud',
    tier: 3,
    price: { type: 'per-token', inputPerMillionUsd: 1, outputPerMillionUsd: 2 },
  });

  test('records what the executor did: retries, the fallback, both calls, the answer', async () => {
    const { router } = testSetup(
      [local, cloud],
      { local: [{ type: 'error', code: 'overloaded' }] },
      {
        now: () => 0,
        requestId: () => 'req-router',
      },
    );
    const sink = createMemorySink();
    const meter = createMeter({ router, sinks: [sink], baseline: 'cloud' });
    await router.generate(userRequest('Summarize: the meeting moved to Friday.'));
    await meter.flush();

    expect(sink.records).toHaveLength(1);
    const record = sink.records[0];
    expect(record).toMatchObject({
      requestId: 'req-router',
      outcome: 'success',
      model: 'auto',
      target: 'cloud',
      locality: 'cloud',
      decision: { target: 'local', fallbacks: ['cloud'] },
      retries: 1,
      fallbacks: [{ from: 'local', to: 'cloud', cause: 'overloaded' }],
      // The fake answers with 10 input and 5 output tokens: 10 × 1 + 5 × 2 per 1M.
      tokens: { input: 10, output: 5 },
      costUsd: 0.00002,
      baselineCostUsd: 0.00002,
      savingsUsd: 0,
    });
    expect(
      record?.attempts.map((attempt) => [attempt.target, attempt.retry, attempt.status, attempt.errorCode]),
    ).toEqual([
      ['local', 0, 'error', 'overloaded'],
      ['local', 1, 'error', 'overloaded'],
      ['cloud', 0, 'ok', null],
    ]);
    await meter.close();
  });

  test('a plain route() writes nothing', () => {
    const { router } = testSetup([local]);
    const sink = createMemorySink();
    createMeter({ router, sinks: [sink] });
    router.route(userRequest());
    expect(sink.records).toHaveLength(0);
  });
});
