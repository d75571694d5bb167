import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemorySink, parseConfig, readLedgerFile, summarizeLedger } from '@switchyard/core';
import { type Emulator, startOllamaEmulator, startOpenAIEmulator } from '@switchyard/testing';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, targetEntry } from './__fixtures__/gateway-harness.js';
import { createGatewayFromConfig } from './create-gateway-from-config.js';

const cloudKeyVariable = 'SWITCHYARD_METERING_TEST_KEY';
const hello = [{ role: 'user' as const, content: 'Say hello.' }];

let local: Emulator;
let cloud: Emulator;
let directory: string;

const configObject = () => ({
  backends: {
    local: { kind: 'ollama', baseUrl: local.url },
    cloud: { kind: 'openai', baseUrl: `${cloud.url}/v1`, apiKeyEnv: cloudKeyVariable },
  },
  targets: [
    targetEntry('local-llama', 'local', 'llama3.1:8b', {
      tier: 1,
      price: { gpuHourly: { usdPerHour: 0.9 } },
    }),
    targetEntry('cloud-mini', 'cloud', 'gpt-4o-mini', {
      tier: 3,
      price: { perToken: { input: 0.15, output: 0.6 } },
    }),
    targetEntry('cloud-big', 'cloud', 'gpt-4o', { tier: 3, price: { perToken: { input: 2.5, output: 10 } } }),
  ],
  routes: {
    aliases: {
      fast: { primary: 'local-llama', fallbacks: ['cloud-mini'] },
      'local-only': { primary: 'local-llama' },
    },
  },
  health: { enabled: false, failureThreshold: 1000 },
  retry: { maxAttempts: 1 },
  metering: { baselineTarget: 'cloud-big' },
});

beforeAll(async () => {
  [local, cloud] = await Promise.all([
    startOllamaEmulator(),
    startOpenAIEmulator({ apiKey: 'sk-metering-0123456789' }),
  ]);
  process.env[cloudKeyVariable] = 'sk-metering-0123456789';
  directory = await mkdtemp(join(tmpdir(), 'switchyard-gateway-ledger-'));
});

afterAll(async () => {
  await Promise.all([local?.close(), cloud?.close()]);
  delete process.env[cloudKeyVariable];
  await rm(directory, { recursive: true, force: true });
});

afterEach(() => {
  local.clearFaults();
  cloud.clearFaults();
});

describe('metering through the gateway', () => {
  it('writes exactly one ledger line per routed request, with its target and outcome', async () => {
    const ledgerPath = join(directory, 'requests', 'ledger.jsonl');
    const harness = await startGatewayHarness(configObject(), { metering: { ledgerPath } });
    expect(harness.ledgerPath).toBe(ledgerPath);
    const post = (body: unknown) =>
      fetch(`${harness.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const answers: { requestId: string | null; status: number }[] = [];
    const send = async (body: unknown) => {
      const response = await post(body);
      await response.text();
      answers.push({ requestId: response.headers.get('x-request-id'), status: response.status });
    };
    try {
      await send({ model: 'fast', messages: hello });
      await send({ model: 'fast', messages: hello, stream: true });
      local.setFault({ type: 'status', status: 503, times: 1 });
      await send({ model: 'fast', messages: hello });
      local.setFault({ type: 'status', status: 500, times: 1 });
      await send({ model: 'local-only', messages: hello });
      // Never routed: no call was made, so no ledger line.
      await send({ model: 'no-such-model', messages: hello });
      await send({ model: 'fast', messages: 'not a list' });
    } finally {
      await harness.close();
    }
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 503, 404, 400]);

    const ledger = await readLedgerFile(ledgerPath);
    expect(ledger.malformed).toBe(0);
    expect(ledger.records).toHaveLength(4);
    expect(ledger.records.map((record) => record.requestId)).toEqual(
      answers.slice(0, 4).map((answer) => answer.requestId),
    );
    expect(
      ledger.records.map(({ model, stream, outcome, errorCode, target, locality }) => ({
        model,
        stream,
        outcome,
        errorCode,
        target,
        locality,
      })),
    ).toEqual([
      {
        model: 'fast',
        stream: false,
        outcome: 'success',
        errorCode: null,
        target: 'local-llama',
        locality: 'local',
      },
      {
        model: 'fast',
        stream: true,
        outcome: 'success',
        errorCode: null,
        target: 'local-llama',
        locality: 'local',
      },
      {
        model: 'fast',
        stream: false,
        outcome: 'success',
        errorCode: null,
        target: 'cloud-mini',
        locality: 'cloud',
      },
      {
        model: 'local-only',
        stream: false,
        outcome: 'error',
        errorCode: 'unavailable',
        target: 'local-llama',
        locality: 'local',
      },
    ]);
    expect(ledger.records[2]?.fallbacks).toEqual([
      { from: 'local-llama', to: 'cloud-mini', cause: 'overloaded' },
    ]);
    expect(ledger.records[0]?.baselineCostUsd).toBeGreaterThan(0);

    const summary = summarizeLedger(ledger.records);
    expect(summary).toMatchObject({
      requests: 4,
      successes: 3,
      errors: 1,
      answeredLocally: 2,
      requestsWithFallback: 1,
      fallbackRate: 0.25,
    });
    expect(summary.baseline?.baselineUsd).toBeGreaterThan(0);
  });

  it('meters to the config’s ledgerPath by default and not at all when metering is off', async () => {
    const configDirectory = join(directory, 'from-config');
    const config = parseConfig(configObject(), { env: {}, baseDirectory: configDirectory });
    const built = await createGatewayFromConfig(config, { logger: pino({ level: 'silent' }) });
    expect(built.ledgerPath).toBe(join(configDirectory, 'switchyard-ledger.jsonl'));
    try {
      await built.router.generate({ model: 'fast', messages: hello });
    } finally {
      await built.close();
    }
    const lines = (await readFile(join(configDirectory, 'switchyard-ledger.jsonl'), 'utf8'))
      .trim()
      .split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ outcome: 'success', target: 'local-llama' });

    const off = parseConfig({ ...configObject(), metering: { enabled: false } }, { env: {} });
    const unmetered = await createGatewayFromConfig(off, { logger: pino({ level: 'silent' }) });
    expect(unmetered.meter).toBeUndefined();
    expect(unmetered.gateway.meter).toBeUndefined();
    await unmetered.close();
  });

  it('writes to given sinks instead of a file, and refuses a baseline without a price', async () => {
    const sink = createMemorySink();
    const harness = await startGatewayHarness(configObject(), { metering: { sinks: [sink] } });
    expect(harness.ledgerPath).toBeUndefined();
    try {
      await harness.client.chat.completions.create({ model: 'auto', messages: hello });
    } finally {
      await harness.close();
    }
    expect(sink.records).toHaveLength(1);
    expect(sink.records[0]).toMatchObject({ model: 'auto', outcome: 'success' });

    const unpriced = parseConfig(
      { ...configObject(), metering: { baselineTarget: 'local-llama' } },
      { env: {} },
    );
    await expect(
      createGatewayFromConfig(unpriced, { metering: { sinks: [createMemorySink()] } }),
    ).rejects.toThrow(/local-llama/);
  });
});
