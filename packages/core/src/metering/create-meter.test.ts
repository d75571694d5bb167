import { EventEmitter } from 'eventemitter3';
import { describe, expect, test } from 'vitest';
import { routeHopOf } from '../engine/route-hop.js';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import type { RouterEvents } from '../spec/router-events.js';
import { candidateOf } from '../spec/target.js';
import {
  attemptOf,
  cloudTarget,
  decisionOf,
  localTarget,
  requestEndOf,
  unpricedTarget,
  usageOf,
} from './__fixtures__/ledger-fixtures.js';
import { createMemorySink } from './create-memory-sink.js';
import { createMeter } from './create-meter.js';
import type { LedgerRecord } from './ledger-record.js';
import type { MeteringSink } from './metering-sink.js';

const now = () => Date.parse('2026-03-01T12:00:00.000Z');
const targets = [localTarget, unpricedTarget, cloudTarget];

function setup(options: { baseline?: string } = { baseline: 'gpt-4o' }) {
  const events = new EventEmitter<RouterEvents>();
  const sink = createMemorySink();
  const meter = createMeter({ events, targets, sinks: [sink], now, ...options });
  const route = (requestId: string, model = 'auto') => {
    const decision = decisionOf(requestId, [localTarget, unpricedTarget, cloudTarget]);
    events.emit('route-end', { requestId, request: { model, messages: [] }, decision });
    return decision;
  };
  return { events, sink, meter, route };
}

describe('createMeter', () => {
  test('writes one exact JSONL line for a request answered locally', () => {
    const { events, sink, route } = setup();
    events.emit('request-end', requestEndOf(route('req-1', 'summarizer')));
    // 1 s on a $0.72/h GPU = $0.0002; at gpt-4o prices 100 in + 20 out = $0.00045.
    expect(sink.jsonl()).toBe(
      `${JSON.stringify({
        version: 1,
        timestamp: '2026-03-01T12:00:00.000Z',
        requestId: 'req-1',
        outcome: 'success',
        errorCode: null,
        model: 'summarizer',
        stream: false,
        task: 'summarize',
        complexity: 'simple',
        privacy: 'any',
        decision: {
          target: 'llama-8b',
          tier: 1,
          locality: 'local',
          decidedBy: null,
          reasons: ['cost: cheapest first'],
          fallbacks: ['qwen-14b', 'gpt-4o'],
        },
        target: 'llama-8b',
        backend: 'ollama',
        kind: 'ollama',
        servedModel: 'llama3.1:8b',
        tier: 1,
        locality: 'local',
        attempts: [
          {
            target: 'llama-8b',
            backend: 'ollama',
            kind: 'ollama',
            model: 'llama3.1:8b',
            tier: 1,
            locality: 'local',
            hop: 0,
            retry: 0,
            status: 'ok',
            errorCode: null,
            rejectedBy: null,
            latencyMs: 1000,
            ttftMs: null,
            inputTokens: 100,
            outputTokens: 20,
            cachedInputTokens: 0,
            costUsd: 0.0002,
            costBasis: 'gpu-hourly',
          },
        ],
        retries: 0,
        fallbacks: [],
        escalations: [],
        validationFailures: [],
        skipped: [],
        tokens: { input: 100, output: 20, cachedInput: 0, reasoning: 0 },
        costUsd: 0.0002,
        unpricedAttempts: 0,
        baselineCostUsd: 0.00045,
        savingsUsd: 0.00025,
        latencyMs: 1010,
        ttftMs: null,
      })}\n`,
    );
  });

  test('a local timeout, then a cloud answer: both calls cost, the fallback keeps its cause', () => {
    const { events, sink, route } = setup();
    const decision = route('req-2');
    const cloudUsage = usageOf(1000, 200, { cachedInputTokens: 400 });
    events.emit(
      'request-end',
      requestEndOf(decision, {
        stream: true,
        target: routeHopOf(candidateOf(cloudTarget)),
        attempts: [
          attemptOf(localTarget, { stream: true, status: 'error', errorCode: 'timeout', latencyMs: 30_000 }),
          attemptOf(cloudTarget, { stream: true, hop: 2, latencyMs: 2000, ttftMs: 400, usage: cloudUsage }),
        ],
        fallbacks: [{ from: 'llama-8b', to: 'gpt-4o', cause: 'timeout' }],
        skipped: [{ target: 'qwen-14b', hop: 1, reason: 'circuit-open' }],
        usage: cloudUsage,
        totalUsage: cloudUsage,
        timing: { totalMs: 32_100, timeToFirstTokenMs: 30_500 },
      }),
    );
    const [record] = sink.records as [LedgerRecord];
    expect(record.target).toBe('gpt-4o');
    expect(record.locality).toBe('cloud');
    expect(record.decision.target).toBe('llama-8b');
    expect(record.attempts.map((attempt) => [attempt.target, attempt.costUsd, attempt.costBasis])).toEqual([
      ['llama-8b', 0.006, 'gpu-hourly'], // 30 s at $0.72/h
      ['gpt-4o', 0.004, 'per-token'], // 600 × 2.5 + 400 × 1.25 + 200 × 10 per 1M
    ]);
    expect(record.attempts[1]?.ttftMs).toBe(400);
    expect(record.fallbacks).toEqual([{ from: 'llama-8b', to: 'gpt-4o', cause: 'timeout' }]);
    expect(record.skipped).toEqual([{ target: 'qwen-14b', reason: 'circuit-open' }]);
    expect(record.costUsd).toBe(0.01);
    // The baseline would have cost what the cloud call cost; the failed local call is a loss.
    expect(record.baselineCostUsd).toBe(0.004);
    expect(record.savingsUsd).toBe(-0.006);
    expect(record.ttftMs).toBe(30_500);
    expect(record.stream).toBe(true);
  });

  test('a failed request on an unpriced target flags the cost as incomplete', () => {
    const { events, sink, route } = setup();
    const decision = route('req-3');
    events.emit(
      'request-end',
      requestEndOf(decision, {
        outcome: 'error',
        target: routeHopOf(candidateOf(unpricedTarget)),
        attempts: [
          attemptOf(localTarget, { status: 'error', errorCode: 'unavailable', latencyMs: 500 }),
          attemptOf(unpricedTarget, { hop: 1, status: 'error', errorCode: 'unavailable', latencyMs: 200 }),
        ],
        fallbacks: [{ from: 'llama-8b', to: 'qwen-14b', cause: 'unavailable' }],
        usage: undefined,
        totalUsage: usageOf(0, 0),
        error: { code: 'unavailable', message: 'every target failed' },
      }),
    );
    expect(sink.records[0]).toMatchObject({
      outcome: 'error',
      errorCode: 'unavailable',
      target: 'qwen-14b',
      costUsd: 0.0001,
      unpricedAttempts: 1,
      baselineCostUsd: 0,
      savingsUsd: -0.0001,
    });
    expect(sink.records[0]?.attempts[1]).toMatchObject({ costUsd: null, costBasis: 'unpriced' });
  });

  test('never copies answers or messages: validation and escalation details are counted, not quoted', () => {
    const { events, sink, route } = setup();
    const decision = route('req-4');
    const secret = 'the-answer-text-4242';
    const answerUsage = usageOf(300, 50);
    events.emit(
      'request-end',
      requestEndOf(decision, {
        target: routeHopOf(candidateOf(cloudTarget)),
        attempts: [
          attemptOf(localTarget, {
            status: 'rejected',
            errorCode: 'invalid-output',
            errorMessage: `not JSON: ${secret}`,
            rejection: { by: 'validation', reason: `Unexpected token "${secret}"` },
            usage: answerUsage,
          }),
          attemptOf(cloudTarget, { hop: 2, usage: answerUsage }),
        ],
        escalations: [{ from: 'llama-8b', to: 'gpt-4o', reason: 'invalid-output', detail: secret }],
        validationFailures: [
          { target: 'llama-8b', hop: 0, retry: 0, errors: [`(root): not valid JSON (${secret})`, 'x'] },
        ],
        warnings: [secret],
        usage: answerUsage,
        totalUsage: usageOf(600, 100),
      }),
    );
    const line = sink.jsonl();
    expect(line).not.toContain(secret);
    expect(sink.records[0]).toMatchObject({
      escalations: [{ from: 'llama-8b', to: 'gpt-4o', reason: 'invalid-output' }],
      validationFailures: [{ target: 'llama-8b', hop: 0, retry: 0, errorCount: 2 }],
      tokens: { input: 600, output: 100 },
    });
    expect(sink.records[0]?.attempts[0]).toMatchObject({ status: 'rejected', rejectedBy: 'validation' });
  });

  test('without a route-end the model is null, and without a baseline savings are null', () => {
    const { events, sink } = setup({});
    events.emit('request-end', requestEndOf(decisionOf('req-5', [localTarget])));
    expect(sink.records[0]).toMatchObject({ model: null, baselineCostUsd: null, savingsUsd: null });
  });

  test('takes a baseline price directly', () => {
    const events = new EventEmitter<RouterEvents>();
    const sink = createMemorySink();
    createMeter({
      events,
      sinks: [sink],
      now,
      baseline: { type: 'per-token', inputPerMillionUsd: 10, outputPerMillionUsd: 30 },
    });
    events.emit('request-end', requestEndOf(decisionOf('req-6', [localTarget])));
    // 100 × 10 + 20 × 30 per 1M
    expect(sink.records[0]?.baselineCostUsd).toBe(0.0016);
  });

  test.each([
    ['gpt-5', "metering.baselineTarget: unknown target 'gpt-5'; defined targets: llama-8b, qwen-14b, gpt-4o"],
    [
      'llama-8b',
      "metering.baselineTarget: target 'llama-8b' has a gpuHourly price; the baseline needs a perToken price (or set metering.baselinePrice)",
    ],
    [
      'qwen-14b',
      "metering.baselineTarget: target 'qwen-14b' has no price; the baseline needs a perToken price (or set metering.baselinePrice)",
    ],
  ])('rejects the baseline %s', (baseline, issue) => {
    const events = new EventEmitter<RouterEvents>();
    const create = () => createMeter({ events, targets, sinks: [], baseline });
    expect(create).toThrow(InvalidConfigError);
    expect(create).toThrow(issue);
  });

  test('a throwing sink is reported and does not stop the others', () => {
    const events = new EventEmitter<RouterEvents>();
    const broken: MeteringSink = {
      write: () => {
        throw new Error('disk on fire');
      },
    };
    const sink = createMemorySink();
    const errors: unknown[] = [];
    const meter = createMeter({ events, sinks: [broken, sink], now, onError: (error) => errors.push(error) });
    events.emit('request-end', requestEndOf(decisionOf('req-7', [localTarget])));
    expect(sink.records).toHaveLength(1);
    expect(meter.recorded).toBe(1);
    expect(String(errors[0])).toContain('disk on fire');
  });

  test('close() stops listening, flushes and closes the sinks', async () => {
    const { events, sink, meter, route } = setup();
    events.emit('request-end', requestEndOf(route('req-8')));
    await meter.close();
    expect(sink.closed).toBe(true);
    expect(events.listenerCount('request-end')).toBe(0);
    expect(events.listenerCount('route-end')).toBe(0);
    events.emit('request-end', requestEndOf(decisionOf('req-9', [localTarget])));
    expect(sink.records.map((record) => record.requestId)).toEqual(['req-8']);
  });

  test('forgets the models of routes that were never executed', () => {
    const { events, sink, route } = setup();
    for (let index = 0; index < 10_001; index += 1) route(`routed-only-${index}`, `model-${index}`);
    events.emit('request-end', requestEndOf(decisionOf('routed-only-0', [localTarget])));
    events.emit('request-end', requestEndOf(decisionOf('routed-only-10000', [localTarget])));
    expect(sink.records.map((record) => record.model)).toEqual([null, 'model-10000']);
  });
});
