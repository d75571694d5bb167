import { type BackendCall, createRouter, type Target } from '@switchyard/core';
import { createMockBackend, type MockStep } from '@switchyard/testing';
import { describe, expect, it } from 'vitest';
import { runLiveJobs } from './run-live-jobs.js';
import type { LiveItem, LiveLane } from './select-live-requests.js';

const target: Target = {
  id: 'mock-target',
  backend: 'mock',
  kind: 'openai-compatible',
  model: 'mock-model',
  quantization: null,
  tier: 1,
  locality: 'local',
  capabilities: { contextWindow: 8192, tools: true, structuredOutput: 'native', vision: false },
};

function lane(respond: (call: BackendCall, index: number) => MockStep): LiveLane {
  const backend = createMockBackend({ respond });
  return {
    name: 'routed',
    router: createRouter({
      targets: [target],
      policies: [],
      backends: { mock: backend },
      execution: { maxAttemptsPerTarget: 1 },
    }),
  };
}

const items: LiveItem[] = Array.from({ length: 5 }, (_, index) => ({
  index,
  kind: 'plain-chat',
  source: `item-${index}`,
  request: {
    model: 'auto',
    messages: [{ role: 'user', content: `Question ${index}` }],
    ...(index % 2 === 1 ? { stream: true } : {}),
  },
}));

describe('runLiveJobs', () => {
  it('keeps at most `concurrency` requests in flight and records each one', async () => {
    let inFlight = 0;
    let most = 0;
    const routed = lane(() => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      setTimeout(() => {
        inFlight -= 1;
      }, 20);
      return { type: 'reply', text: 'Hello there.', delayMs: 20, chunkDelayMs: 1 };
    });
    const result = await runLiveJobs(
      items.map((item) => ({ lane: routed, item })),
      { concurrency: 2, deadlineMs: 10_000 },
    );
    expect(most).toBe(2);
    expect(result).toMatchObject({ deadlineReached: false, notStarted: 0 });
    expect(result.records.map((record) => record.index)).toEqual([0, 1, 2, 3, 4]);
    for (const record of result.records) {
      expect(record).toMatchObject({ outcome: 'ok', primary: 'mock-target', answeredBy: 'mock-target' });
      expect(record.answer?.text).toBe('Hello there.');
      expect(record.attempts).toHaveLength(1);
      expect(record.latencyMs).toBeGreaterThanOrEqual(15);
    }
    // Streamed requests time their first content chunk; the others do not.
    expect(result.records.map((record) => record.ttftMs !== undefined)).toEqual([
      false,
      true,
      false,
      true,
      false,
    ]);
  });

  it('stops at the deadline: in-flight requests are cut, the rest never start', async () => {
    const hanging = lane(() => ({ type: 'hang' }));
    const result = await runLiveJobs(
      items.map((item) => ({ lane: hanging, item })),
      { concurrency: 2, deadlineMs: 50 },
    );
    expect(result.deadlineReached).toBe(true);
    expect(result.notStarted).toBe(3);
    expect(result.records.map((record) => record.outcome)).toEqual(['cut', 'cut']);
    expect(result.wallMs).toBeGreaterThanOrEqual(45);
  });

  it('records a failed request with its error code and the calls made', async () => {
    const failing = lane(() => ({ type: 'error', code: 'overloaded', status: 503 }));
    const [record] = (
      await runLiveJobs([{ lane: failing, item: items[0] as LiveItem }], {
        concurrency: 1,
        deadlineMs: 10_000,
      })
    ).records;
    expect(record).toMatchObject({ outcome: 'error', errorCode: 'overloaded', primary: 'mock-target' });
    expect(record?.attempts.map((attempt) => attempt.errorCode)).toEqual(['overloaded']);
  });
});
