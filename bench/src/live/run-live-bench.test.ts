import { parseConfig, type SwitchyardConfig } from '@switchyard/core';
import { builtinPolicies, defaultPolicyNames } from '@switchyard/policies';
import { type Emulator, startOpenAIEmulator, startVllmEmulator } from '@switchyard/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataDirectory } from '../shared-data.js';
import { workloadDataFiles } from '../workload/workload-sources.js';
import { formatLiveReport } from './format-live-report.js';
import { parseLiveMix } from './parse-live-mix.js';
import { type LiveBenchReport, runLiveBench } from './run-live-bench.js';

const sharedDir = sharedDataDirectory();
const present = hasSharedData(sharedDir, workloadDataFiles);

const localText = 'The capital of France is Paris and it is a lovely city';
const cloudText = 'The capital of France is Paris, a city on the Seine';
/** Distinct words: 11 local, 10 cloud, 8 shared → 8 / 13. */
const proseJaccard = Math.round((8 / 13) * 10_000) / 10_000;

let local: Emulator;
let cloud: Emulator;
let config: SwitchyardConfig;

beforeAll(async () => {
  [local, cloud] = await Promise.all([
    startVllmEmulator({ replyText: localText }),
    startOpenAIEmulator({ replyText: cloudText, apiKey: 'sk-live-bench-test' }),
  ]);
  config = parseConfig({
    version: 1,
    backends: {
      vllm: { kind: 'vllm', baseUrl: local.url },
      openai: { kind: 'openai', baseUrl: `${cloud.url}/v1`, apiKey: 'sk-live-bench-test' },
    },
    targets: [
      {
        id: 'local-llama',
        backend: 'vllm',
        model: 'meta-llama/Llama-3.1-8B-Instruct',
        tier: 1,
        capabilities: { contextWindow: 8192, tools: true, structuredOutput: 'native' },
        price: { gpuHourly: { usdPerHour: 0.36 } },
      },
      {
        id: 'cloud-mini',
        backend: 'openai',
        model: 'gpt-4o-mini',
        tier: 3,
        capabilities: { contextWindow: 128000, tools: true, structuredOutput: 'native' },
        price: { perToken: { input: 0.15, output: 0.6 } },
      },
    ],
    // One call per target, so each injected fault is exactly one fail-over or one failure.
    retry: { maxAttempts: 1 },
    health: { enabled: false, failureThreshold: 1000 },
  });
});

afterAll(async () => {
  await Promise.all([local?.close(), cloud?.close()]);
});

afterEach(() => {
  for (const emulator of [local, cloud]) {
    emulator.clearFaults();
    emulator.setResponder(undefined);
  }
});

const run = (options: { requests: number; mix: string; compare?: string[] }): Promise<LiveBenchReport> =>
  runLiveBench({
    config,
    configSource: 'emulators',
    registry: builtinPolicies,
    defaultPolicyNames,
    requests: options.requests,
    concurrency: 1,
    deadlineMs: 60_000,
    mix: parseLiveMix(options.mix),
    ...(options.compare === undefined ? {} : { compare: options.compare }),
    maxOutputTokens: 128,
    seed: 3,
    sharedDir,
  });

describe.skipIf(!present)(`runLiveBench against emulators (needs the shared data in ${sharedDir})`, () => {
  it('routes through the config, counts fail-overs, validity and cost per target', async () => {
    // Two local calls fail (503): with one attempt per target, each fails over to the cloud.
    local.setFault({ type: 'status', status: 503, times: 2 });
    // Local JSON answers: streamed ones are never valid (the executor cannot check a stream), and the
    // first non-streamed one is not JSON (the executor turns it down and asks again).
    let rejectedOnce = false;
    local.setResponder((input) => {
      if (!input.json) return undefined;
      if (input.stream) return { text: 'not json' };
      if (rejectedOnce) return undefined;
      rejectedOnce = true;
      return { text: 'not json either' };
    });

    const report = await run({ requests: 16, mix: 'plain=2,tools=1,structured=2' });

    expect(report.mode).toBe('routed');
    expect(report.run).toMatchObject({ sent: 16, ok: 16, errors: 0, cut: 0, notStarted: 0 });
    const [localSummary, cloudSummary] = report.targets;
    if (localSummary === undefined || cloudSummary === undefined) throw new Error('two targets expected');
    expect(localSummary.target).toBe('local-llama');
    expect(localSummary.requests + cloudSummary.requests).toBe(16);
    expect(localSummary).toMatchObject({ fellBack: 2, callErrors: 2, failed: 0, errorRate: 0 });
    expect(localSummary.fallbackRate).toBeCloseTo(2 / localSummary.requests, 4);
    expect(Object.values(localSummary.callErrorsByCode)).toEqual([2]);
    expect(cloudSummary.answered).toBe(cloudSummary.requests + 2);
    expect(localSummary.answered).toBe(localSummary.requests - 2);

    const localStructured = report.requests.filter(
      (request) => request.kind === 'structured-output' && request.answeredBy === 'local-llama',
    );
    const streamed = localStructured.filter((request) => request.stream).length;
    expect(streamed).toBeGreaterThan(0);
    expect(localStructured.length - streamed).toBeGreaterThan(0);
    expect(localSummary.structured).toMatchObject({
      answers: localStructured.length,
      valid: localStructured.length - streamed,
      rejectedCalls: 1,
      calls: localStructured.length + 1,
    });
    expect(localSummary.structured?.invalidExamples[0]).toMatch(/not valid JSON/);
    expect(localStructured.filter((request) => request.valid === false)).toHaveLength(streamed);

    expect(localSummary.latencyMs?.count).toBe(localSummary.calls - 2);
    expect(localSummary.ttftMs?.count).toBeGreaterThan(0);
    expect(localSummary.cost.basis).toEqual(['gpu-hourly']);
    expect(localSummary.cost.usd).toBeGreaterThan(0);
    // Per-token cost is exactly the tokens at the target's prices.
    expect(cloudSummary.cost.basis).toEqual(['per-token']);
    expect(cloudSummary.cost.usd).toBeCloseTo(
      (cloudSummary.tokens.input * 0.15 + cloudSummary.tokens.output * 0.6) / 1e6,
      12,
    );
    expect(report.agreement).toEqual([]);

    const text = formatLiveReport(report, 'switchyard bench live --config emulators.yaml');
    expect(text).toContain('command:  switchyard bench live --config emulators.yaml');
    expect(text).toMatch(/local-llama\s+local\s+\d+/);
    expect(text).toContain('invalid structured output, e.g. (root): not valid JSON');
  });

  it('runs every request on both targets and measures their agreement', async () => {
    // One cloud call fails for good: that request is not compared.
    cloud.setFault({ type: 'status', status: 500, times: 1 });

    const report = await run({
      requests: 10,
      mix: 'plain=2,tools=1,structured=2',
      compare: ['local-llama', 'cloud-mini'],
    });

    expect(report.mode).toBe('compare');
    expect(report.selection.selected).toBe(10);
    expect(report.selection.considered).toBe(10 + report.selection.skipped.total);
    expect(report.run.sent).toBe(20);
    const [localSummary, cloudSummary] = report.targets;
    expect(localSummary).toMatchObject({ target: 'local-llama', requests: 10, answered: 10, fellBack: 0 });
    expect(cloudSummary).toMatchObject({
      target: 'cloud-mini',
      requests: 10,
      answered: 9,
      failed: 1,
      errorRate: 0.1,
    });
    expect(Object.keys(cloudSummary?.errorsByCode ?? {})).toHaveLength(1);

    const [pair] = report.agreement;
    expect(pair).toMatchObject({
      targets: ['local-llama', 'cloud-mini'],
      localities: 'local vs cloud',
      compared: 9,
      notCompared: 1,
    });
    // Both emulators answer JSON with the smallest valid instance and forced tool calls alike: exact.
    expect(pair?.exact.rate).toBe(1);
    expect(pair?.exact.byMethod.json?.compared).toBeGreaterThan(0);
    // Their prose differs the same way every time.
    expect(pair?.prose.compared).toBeGreaterThan(0);
    expect(pair?.prose.meanJaccard).toBe(proseJaccard);
    expect(pair?.prose.medianJaccard).toBe(proseJaccard);
    expect(pair?.byKind['plain-chat']?.prose.meanJaccard).toBe(proseJaccard);

    const text = formatLiveReport(report, 'switchyard bench live --compare local-llama,cloud-mini');
    expect(text).toContain('local-llama vs cloud-mini (local vs cloud): 9 requests both answered');
    expect(text).toContain(`mean ${proseJaccard}`);
  });

  it('skips and counts requests that fit no window instead of truncating them', async () => {
    const tight = parseConfig({
      version: 1,
      backends: { vllm: { kind: 'vllm', baseUrl: local.url } },
      targets: [
        {
          id: 'small-window',
          backend: 'vllm',
          model: 'meta-llama/Llama-3.1-8B-Instruct',
          capabilities: { contextWindow: 400, tools: true, structuredOutput: 'native' },
          price: { gpuHourly: { usdPerHour: 0.36 } },
        },
      ],
      health: { enabled: false },
    });
    const before = local.requests.length;
    const report = await runLiveBench({
      config: tight,
      configSource: 'tight',
      registry: builtinPolicies,
      defaultPolicyNames,
      requests: 5,
      concurrency: 2,
      deadlineMs: 60_000,
      mix: parseLiveMix('plain'),
      maxOutputTokens: 64,
      seed: 1,
      sharedDir,
    });
    expect(report.selection.selected).toBe(5);
    expect(report.selection.skipped.byReason['too-long']).toBeGreaterThan(0);
    expect(report.selection.skipped.examples[0]).toMatch(/largest window 400/);
    // Only the requests that fit were sent, each with the output cap.
    const sent = local.requests.slice(before).filter((request) => request.path === '/v1/chat/completions');
    expect(sent).toHaveLength(5);
    for (const request of sent)
      expect((request.body as { max_tokens?: number }).max_tokens).toBeLessThanOrEqual(64);
  });
});
