import { parseConfig } from '@switchyard/core';
import {
  type Emulator,
  startOllamaEmulator,
  startOpenAIEmulator,
  startVllmEmulator,
} from '@switchyard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledModelPath } from './bundled-model-path.js';
import { diagnoseConfig } from './diagnose-config.js';

const cloudKeyVariable = 'SWITCHYARD_DIAGNOSE_TEST_KEY';
const cloudKey = 'sk-diagnose-0123456789';
const capabilities = (contextWindow: number) => ({ contextWindow, tools: true, structuredOutput: 'native' });

let ollama: Emulator;
let vllm: Emulator;
let cloud: Emulator;

beforeAll(async () => {
  [ollama, vllm, cloud] = await Promise.all([
    startOllamaEmulator(),
    startVllmEmulator(),
    startOpenAIEmulator({ apiKey: cloudKey }),
  ]);
  process.env[cloudKeyVariable] = cloudKey;
});

afterAll(async () => {
  await Promise.all([ollama?.close(), vllm?.close(), cloud?.close()]);
  delete process.env[cloudKeyVariable];
});

/** Requests that generate (billed on a cloud, GPU time locally) or load a model. */
const generatingRequests = (emulator: Emulator) =>
  emulator.requests.filter((request) => request.method === 'POST' && request.path !== '/api/show');

function config(overrides: { vllmUrl?: string; routes?: object; targets?: object[] } = {}) {
  return parseConfig(
    {
      backends: {
        ollama: { kind: 'ollama', baseUrl: ollama.url },
        vllm: { kind: 'vllm', baseUrl: overrides.vllmUrl ?? vllm.url },
        cloud: { kind: 'openai', baseUrl: `${cloud.url}/v1`, apiKeyEnv: cloudKeyVariable },
      },
      targets: overrides.targets ?? [
        {
          id: 'llama-8b',
          backend: 'ollama',
          model: 'llama3.1:8b',
          quantization: 'Q8_0',
          capabilities: capabilities(32_768),
        },
        { id: 'qwen-14b', backend: 'ollama', model: 'qwen2.5:14b', capabilities: capabilities(4096) },
        {
          id: 'vllm-llama',
          backend: 'vllm',
          model: 'meta-llama/Llama-3.1-8B-Instruct',
          tier: 2,
          capabilities: capabilities(8192),
        },
        { id: 'gpt-4o-mini', backend: 'cloud', model: 'gpt-4o-mini', capabilities: capabilities(128_000) },
        { id: 'gpt-next', backend: 'cloud', model: 'gpt-next-preview', capabilities: capabilities(128_000) },
      ],
      routes: overrides.routes ?? {
        aliases: {
          fast: { primary: 'llama-8b', fallbacks: ['gpt-4o-mini'] },
          large: { primary: 'vllm-llama', fallbacks: ['gpt-4o-mini'] },
        },
      },
    },
    { env: {} },
  );
}

describe('diagnoseConfig', () => {
  it('reports every target from free probes and model lists, and makes no generating call', async () => {
    const diagnosis = await diagnoseConfig(config(), { timeoutMs: 1_000 });
    expect(diagnosis.ok).toBe(true);
    expect(diagnosis.primary).toEqual({ ids: ['llama-8b', 'vllm-llama'], rule: 'route-primaries' });
    expect(diagnosis.failingPrimaries).toEqual([]);
    const byId = Object.fromEntries(diagnosis.targets.map((target) => [target.id, target]));
    expect(byId['llama-8b']).toMatchObject({
      primary: true,
      status: 'up',
      modelCheck: 'listed',
      servedModel: 'llama3.1:8b',
      contextWindow: 32_768,
      serverContextWindow: 4096,
      quantization: 'Q8_0',
      serverQuantization: 'Q4_K_M',
      loaded: true,
      problems: [],
    });
    expect(byId['llama-8b']?.notes).toEqual([
      expect.stringMatching(/^contextWindow 32768 is more than the server's 4096/),
      'quantization is Q8_0 in the config, Q4_K_M on the server',
    ]);
    expect(byId['llama-8b']?.probeLatencyMs).toBeGreaterThan(0);
    expect(byId['qwen-14b']).toMatchObject({ primary: false, status: 'up', loaded: false, notes: [] });
    expect(byId['vllm-llama']).toMatchObject({
      status: 'up',
      modelCheck: 'listed',
      serverContextWindow: 8192,
      loaded: true,
    });
    expect(byId['gpt-4o-mini']).toMatchObject({ status: 'up', modelCheck: 'listed', locality: 'cloud' });
    expect(byId['gpt-next']).toMatchObject({
      status: 'up',
      modelCheck: 'not-listed',
      notes: [expect.stringContaining("'gpt-next-preview' is not in the server's model list")],
    });
    expect(diagnosis.backends.map((backend) => [backend.id, backend.status, backend.attempts])).toEqual([
      ['ollama', 'up', 1],
      ['vllm', 'up', 1],
      ['cloud', 'up', 1],
    ]);
    for (const emulator of [ollama, vllm, cloud]) expect(generatingRequests(emulator)).toEqual([]);
  });

  it('fails when a primary target is down, naming it and the probe’s reason', async () => {
    const stopped = await startVllmEmulator();
    await stopped.close();
    const diagnosis = await diagnoseConfig(config({ vllmUrl: stopped.url }), {
      timeoutMs: 500,
      retries: 1,
      retryDelayMs: 10,
    });
    expect(diagnosis.ok).toBe(false);
    expect(diagnosis.failingPrimaries).toEqual(['vllm-llama']);
    const target = diagnosis.targets.find((entry) => entry.id === 'vllm-llama');
    expect(target).toMatchObject({ status: 'down', modelCheck: 'unknown', primary: true });
    expect(target?.problems).toEqual([expect.stringMatching(/^backend 'vllm' is down: /)]);
    expect(diagnosis.backends.find((backend) => backend.id === 'vllm')).toMatchObject({
      status: 'down',
      attempts: 2,
      models: null,
    });
  });

  it('keeps the process alive through its retry pauses, so a CLI does not exit mid-check', async () => {
    const stopped = await startVllmEmulator();
    await stopped.close();
    // Timers that keep the event loop alive (unref'd ones are not listed).
    const keepingAlive = () => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
    const running = diagnoseConfig(config({ vllmUrl: stopped.url }), {
      timeoutMs: 500,
      retries: 1,
      retryDelayMs: 400,
    });
    // The first probe is refused at once; then the check pauses 400 ms before its retry.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(keepingAlive()).toBeGreaterThan(0);
    expect((await running).failingPrimaries).toEqual(['vllm-llama']);
  });

  it('passes when only a target that is no primary is down', async () => {
    const stopped = await startVllmEmulator();
    await stopped.close();
    const diagnosis = await diagnoseConfig(
      config({
        vllmUrl: stopped.url,
        routes: { aliases: { fast: { primary: 'llama-8b', fallbacks: ['vllm-llama'] } } },
      }),
      { timeoutMs: 500, retries: 0 },
    );
    expect(diagnosis.targets.find((entry) => entry.id === 'vllm-llama')?.status).toBe('down');
    expect(diagnosis.ok).toBe(true);
  });

  it('fails when an Ollama primary lacks its model, listing what the server has', async () => {
    const diagnosis = await diagnoseConfig(
      config({
        targets: [
          { id: 'mistral', backend: 'ollama', model: 'mistral:7b', capabilities: capabilities(4096) },
          { id: 'gpt-4o-mini', backend: 'cloud', model: 'gpt-4o-mini', capabilities: capabilities(128_000) },
        ],
        routes: {},
      }),
      { timeoutMs: 1_000 },
    );
    expect(diagnosis.primary).toEqual({ ids: ['mistral'], rule: 'local-targets' });
    expect(diagnosis.ok).toBe(false);
    expect(diagnosis.targets[0]).toMatchObject({
      status: 'model-missing',
      modelCheck: 'missing',
      problems: ["backend 'ollama' does not have model 'mistral:7b' (it has: llama3.1:8b, qwen2.5:14b)"],
    });
  });

  it('reports a cloud backend whose key is missing as down, without a billed call', async () => {
    const parsed = parseConfig(
      {
        backends: {
          cloud: { kind: 'openai', baseUrl: `${cloud.url}/v1`, apiKeyEnv: 'SWITCHYARD_UNSET_KEY' },
        },
        targets: [{ id: 'gpt-4o', backend: 'cloud', model: 'gpt-4o', capabilities: capabilities(128_000) }],
      },
      { env: {} },
    );
    const seen = cloud.requests.length;
    const diagnosis = await diagnoseConfig(parsed, { timeoutMs: 500, retries: 0 });
    expect(diagnosis.primary.rule).toBe('all-targets');
    expect(diagnosis.ok).toBe(false);
    expect(diagnosis.targets[0]?.status).toBe('down');
    expect(diagnosis.targets[0]?.problems[0]).toMatch(/SWITCHYARD_UNSET_KEY/);
    expect(cloud.requests.slice(seen).filter((request) => request.method === 'POST')).toEqual([]);
  });

  it('describes the embedded model from its GGUF file without loading it', async () => {
    const parsed = parseConfig(
      {
        backends: { embedded: { kind: 'embedded', modelPath: bundledModelPath() } },
        targets: [
          {
            id: 'tiny',
            backend: 'embedded',
            model: 'tiny-chatml',
            capabilities: { contextWindow: 2048, tools: false, structuredOutput: 'native' },
          },
        ],
      },
      { env: {} },
    );
    const diagnosis = await diagnoseConfig(parsed);
    expect(diagnosis.ok).toBe(true);
    expect(diagnosis.targets[0]).toMatchObject({
      status: 'up',
      modelCheck: 'listed',
      servedModel: 'tiny-chatml.gguf',
      loaded: false,
      primary: true,
    });
    expect(diagnosis.backends[0]?.detail).toContain('it loads on the first call');
  });
});
