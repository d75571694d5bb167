import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BackendV1,
  createJsonlFileSink,
  createMeter,
  createRouter,
  type LedgerAttempt,
  type LedgerRecord,
  type LedgerSummary,
} from '@switchyard/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from './__fixtures__/run-cli.js';

const attempt = (target: string, overrides: Partial<LedgerAttempt> = {}): LedgerAttempt => ({
  target,
  backend: target,
  kind: 'ollama',
  model: target,
  tier: 1,
  locality: 'local',
  hop: 0,
  retry: 0,
  status: 'ok',
  errorCode: null,
  rejectedBy: null,
  latencyMs: 900,
  ttftMs: null,
  inputTokens: 500,
  outputTokens: 50,
  cachedInputTokens: 0,
  costUsd: 0.0002,
  costBasis: 'gpu-hourly',
  ...overrides,
});

/** A request answered by its last attempt. */
const record = (
  requestId: string,
  attempts: LedgerAttempt[],
  overrides: Partial<LedgerRecord> = {},
): LedgerRecord => {
  const last = attempts.at(-1) as LedgerAttempt;
  const costUsd = attempts.reduce((sum, item) => sum + (item.costUsd ?? 0), 0);
  return {
    version: 1,
    timestamp: `2026-03-01T12:00:${requestId.padStart(2, '0')}.000Z`,
    requestId,
    outcome: 'success',
    errorCode: null,
    model: 'auto',
    stream: false,
    task: 'summarize',
    complexity: 'simple',
    privacy: 'any',
    decision: {
      target: 'llama-8b',
      tier: 1,
      locality: 'local',
      decidedBy: null,
      reasons: [],
      fallbacks: ['gpt-4o'],
    },
    target: last.target,
    backend: last.backend,
    kind: last.kind,
    servedModel: last.model,
    tier: last.tier,
    locality: last.locality,
    attempts,
    retries: 0,
    fallbacks: attempts.length > 1 ? [{ from: 'llama-8b', to: 'gpt-4o', cause: 'timeout' }] : [],
    escalations: [],
    validationFailures: [],
    skipped: [],
    tokens: { input: 500, output: 50, cachedInput: 0, reasoning: 0 },
    costUsd,
    unpricedAttempts: 0,
    baselineCostUsd: 0.00175,
    savingsUsd: 0.00175 - costUsd,
    latencyMs: attempts.reduce((sum, item) => sum + item.latencyMs, 0),
    ttftMs: null,
    ...overrides,
  };
};

const cloudAttempt = attempt('gpt-4o', {
  tier: 3,
  locality: 'cloud',
  costUsd: 0.00175,
  costBasis: 'per-token',
  hop: 1,
});
const timeout = attempt('llama-8b', {
  status: 'error',
  errorCode: 'timeout',
  latencyMs: 30_000,
  costUsd: 0.006,
});

// 5 requests, 1 fell back: a 20 % fallback rate.
const lines = [
  record('1', [attempt('llama-8b')]),
  record('2', [attempt('llama-8b')]),
  record('3', [attempt('llama-8b')]),
  record('4', [attempt('llama-8b')]),
  record('5', [timeout, cloudAttempt]),
].map((entry) => JSON.stringify(entry));

let directory: string;
const path = (name: string) => join(directory, name);

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'switchyard-ledger-cli-'));
  await writeFile(path('ledger.jsonl'), `${lines.join('\n')}\n`);
  await writeFile(path('torn.jsonl'), `${lines[0]}\n{"torn":\n${lines[1]}\n${lines[2]?.slice(0, 30)}`);
  await writeFile(
    path('switchyard.yaml'),
    [
      'backends:',
      '  ollama: { kind: ollama }',
      'targets:',
      '  - id: llama-8b',
      '    backend: ollama',
      '    model: llama3.1:8b',
      '    capabilities: { contextWindow: 8192 }',
      'metering:',
      '  ledgerPath: ledger.jsonl',
      '  fallbackAlertRate: 0.25',
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('switchyard ledger summary', () => {
  test('prints the table and an ALERT line, and exits 0', async () => {
    const result = await runCli(['ledger', 'summary', '--file', 'ledger.jsonl'], { cwd: directory });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(
      'ledger: 5 requests, 2026-03-01T12:00:01.000Z → 2026-03-01T12:00:05.000Z',
    );
    expect(result.stdout).toContain('local share  80.0% answered locally (4 of 5)');
    expect(result.stdout).toContain('fallbacks    20.0% of requests (1): timeout 1; alert above 15.0%');
    expect(result.stdout).toMatch(/^llama-8b {2}local {5}1 {6}5 {7}1 /m);
    expect(result.stdout).toMatch(/\nALERT: fallback rate 20\.0% is above the 15\.0% alert threshold/);
  });

  test.each<[string, string[], number]>([
    ['--fail-on-alert exits 1 when the alert fires', ['--fail-on-alert'], 1],
    ['a higher --alert-rate silences it', ['--alert-rate', '0.2', '--fail-on-alert'], 0],
  ])('%s', async (_name, extra, code) => {
    const result = await runCli(['ledger', 'summary', '-f', path('ledger.jsonl'), ...extra]);
    expect(result.code).toBe(code);
    expect(result.stdout.includes('ALERT:')).toBe(code === 1);
  });

  test('--json prints the summary object', async () => {
    const result = await runCli(['ledger', 'summary', '--file', path('ledger.jsonl'), '--json']);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as LedgerSummary & {
      file: string;
      lines: number;
      malformed: number;
    };
    expect(output).toMatchObject({
      file: path('ledger.jsonl'),
      lines: 5,
      malformed: 0,
      requests: 5,
      requestsWithFallback: 1,
      fallbackRate: 0.2,
      spend: { totalUsd: 0.00855, localUsd: 0.0068, cloudUsd: 0.00175 }, // 4 × 0.0002 + 0.006 local
    });
    expect(output.baseline?.savingsUsd).toBeCloseTo(5 * 0.00175 - 0.00855, 10);
    expect(
      output.targets.map((target) => [target.target, target.latency.p50Ms, target.latency.p95Ms]),
    ).toEqual([
      ['llama-8b', 900, 900],
      ['gpt-4o', 900, 900],
    ]);
  });

  test('takes the ledger path and alert rate from the config', async () => {
    const result = await runCli(['ledger', 'summary', '--fail-on-alert'], { cwd: directory });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('alert above 25.0%');
    expect(result.stdout).not.toContain('ALERT:');
  });

  test('skips malformed lines with a warning naming them', async () => {
    const result = await runCli(['ledger', 'summary', '--file', path('torn.jsonl')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `switchyard: skipped 2 malformed lines of 4 in ${path('torn.jsonl')} (line 2, 4)\n`,
    );
    expect(result.stdout).toContain('ledger: 2 requests');
  });

  test.each<[string, string[], RegExp]>([
    ['a missing file', ['--file', 'nope.jsonl'], /^switchyard: ledger file not found: .*nope\.jsonl/],
    [
      'no file and no config',
      [],
      /^switchyard: no ledger file: pass --file PATH, or a config whose metering\.ledgerPath names it/,
    ],
    [
      'a bad alert rate',
      ['--file', 'x', '--alert-rate', '15'],
      /--alert-rate <fraction>' argument '15' is invalid\. expected a fraction in \(0, 1\]/,
    ],
  ])('%s is a usage error (exit 2)', async (_name, extra, message) => {
    const result = await runCli(['ledger', 'summary', ...extra], { cwd: tmpdir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});

describe('switchyard ledger summary on a ledger the meter wrote', () => {
  test('reads back what a metered router wrote', async () => {
    const usage = { inputTokens: 1000, outputTokens: 100, cachedInputTokens: 0, reasoningTokens: 0 };
    const local: BackendV1 = {
      specificationVersion: 'v1',
      id: 'local',
      kind: 'llamacpp',
      describe: async () => ({ backend: 'local', kind: 'llamacpp', models: [] }),
      probe: async () => ({ status: 'up', latencyMs: 1 }),
      doStream: async () => Promise.reject(new Error('not used')),
      doGenerate: async ({ model }) => ({
        completion: {
          id: 'c',
          object: 'chat.completion',
          created: 0,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content: 'Friday.' }, finish_reason: 'stop' }],
        },
        usage,
        timing: { durationMs: 5 },
        warnings: [],
      }),
    } as BackendV1;
    const capabilities = {
      contextWindow: 8192,
      tools: false,
      structuredOutput: 'none',
      vision: false,
    } as const;
    const router = createRouter({
      targets: [
        {
          id: 'qwen-0.5b',
          backend: 'local',
          kind: 'llamacpp',
          model: 'qwen',
          quantization: 'Q4_K_M',
          tier: 1,
          locality: 'local',
          capabilities,
          price: { type: 'per-token', inputPerMillionUsd: 0.01, outputPerMillionUsd: 0.02 },
        },
      ],
      policies: [],
      backends: { local },
    });
    const file = path('metered.jsonl');
    const meter = createMeter({
      router,
      sinks: [createJsonlFileSink({ path: file })],
      baseline: { type: 'per-token', inputPerMillionUsd: 2.5, outputPerMillionUsd: 10 },
    });
    for (const content of ['Summarize: the meeting moved to Friday.', 'When is the meeting?']) {
      await router.generate({ model: 'auto', messages: [{ role: 'user', content }] });
    }
    await meter.close();

    const result = await runCli(['ledger', 'summary', '--file', file, '--json']);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as LedgerSummary & { malformed: number };
    expect(output).toMatchObject({ requests: 2, successes: 2, localShare: 1, fallbackRate: 0, malformed: 0 });
    // Per request: 1000 × 0.01 + 100 × 0.02 = $0.000012 spent; 1000 × 2.5 + 100 × 10 = $0.0035 at the baseline.
    expect(output.spend).toMatchObject({ totalUsd: 0.000024, localUsd: 0.000024, cloudUsd: 0 });
    expect(output.baseline).toMatchObject({ requests: 2, baselineUsd: 0.007, savingsUsd: 0.006976 });
  });
});
