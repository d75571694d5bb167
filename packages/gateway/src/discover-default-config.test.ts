import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startOllamaEmulator } from '@switchyard/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bundledModelPath } from './bundled-model-path.js';
import { discoverDefaultConfig } from './discover-default-config.js';

/** Addresses where nothing listens (port 9 is "discard", closed on test machines). */
const nowhere = { ollamaUrl: 'http://127.0.0.1:9', llamaCppUrl: 'http://127.0.0.1:9', probeTimeoutMs: 500 };

/** Answers the cloud probes (`GET https://…/models`) without the network; local addresses stay closed. */
const cloudFetch: typeof fetch = async (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  if (!url.startsWith('https://')) return fetch(input, init);
  return new Response(JSON.stringify({ object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model' }] }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
};

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'switchyard-discover-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('discoverDefaultConfig', () => {
  it('runs the bundled model alone on a machine with nothing else', async () => {
    const { config, targets } = await discoverDefaultConfig({ ...nowhere, env: {} });
    expect(config.targets.map((target) => target.id)).toEqual(['embedded-tiny-chatml']);
    expect(config.targets[0]).toMatchObject({
      kind: 'embedded',
      model: 'tiny-chatml',
      tier: 1,
      locality: 'local',
      capabilities: { tools: false, structuredOutput: 'native' },
    });
    expect(config.targets[0]?.capabilities.contextWindow).toBeGreaterThan(0);
    expect(config.backends).toEqual([
      expect.objectContaining({ id: 'embedded', modelPath: bundledModelPath() }),
    ]);
    expect(targets).toEqual([
      expect.objectContaining({ id: 'embedded-tiny-chatml', added: true, live: true }),
      expect.objectContaining({
        id: 'ollama',
        added: false,
        live: false,
        detail: 'not running at http://127.0.0.1:9',
      }),
      expect.objectContaining({ id: 'llamacpp', added: false, live: false }),
    ]);
  });

  it('runs any GGUF given as modelPath, named after its file', async () => {
    const path = join(directory, 'my-model.Q4.gguf');
    await copyFile(bundledModelPath(), path);
    const { config } = await discoverDefaultConfig({ ...nowhere, env: {}, modelPath: path });
    expect(config.targets[0]).toMatchObject({ id: 'embedded-my-model.Q4', model: 'my-model.Q4' });
    expect(config.backends[0]?.modelPath).toBe(path);
  });

  it('fails clearly for a modelPath that does not exist', async () => {
    await expect(
      discoverDefaultConfig({ ...nowhere, env: {}, modelPath: join(directory, 'nope.gguf') }),
    ).rejects.toThrow(`model file not found: ${join(directory, 'nope.gguf')}`);
  });

  describe('with an Ollama server', () => {
    let ollama: Emulator;
    beforeAll(async () => {
      ollama = await startOllamaEmulator({
        models: [
          {
            id: 'qwen2.5:7b',
            contextWindow: 32_768,
            quantization: 'Q4_K_M',
            capabilities: ['completion', 'tools'],
          },
          { id: 'nomic-embed-text', capabilities: ['embedding'] },
        ],
      });
    });
    afterAll(async () => {
      await ollama?.close();
    });

    it('adds one target per chat model, with its discovered capabilities', async () => {
      const { config, targets } = await discoverDefaultConfig({ ...nowhere, ollamaUrl: ollama.url, env: {} });
      const target = config.targets.find((entry) => entry.backend === 'ollama');
      expect(config.targets.map((entry) => entry.id)).toEqual(['embedded-tiny-chatml', 'ollama-qwen2.5:7b']);
      expect(target).toMatchObject({
        model: 'qwen2.5:7b',
        quantization: 'Q4_K_M',
        locality: 'local',
        capabilities: { contextWindow: 8_192, tools: true, structuredOutput: 'native' },
      });
      expect(config.backends.find((backend) => backend.id === 'ollama')).toMatchObject({
        baseUrl: ollama.url,
        options: { numCtx: 8_192 },
      });
      expect(targets.find((entry) => entry.id === 'ollama-qwen2.5:7b')).toMatchObject({
        added: true,
        live: true,
      });
    });

    it('finds it at OLLAMA_HOST when no ollamaUrl is given', async () => {
      const { llamaCppUrl, probeTimeoutMs } = nowhere;
      const { config } = await discoverDefaultConfig({
        llamaCppUrl,
        probeTimeoutMs,
        env: { OLLAMA_HOST: ollama.url.replace('http://', '') },
      });
      expect(config.targets.map((entry) => entry.id)).toContain('ollama-qwen2.5:7b');
      expect(config.backends.find((backend) => backend.id === 'ollama')?.baseUrl).toBe(ollama.url);
    });
  });

  it('meters to switchyard-ledger.jsonl in the base directory', async () => {
    const { config } = await discoverDefaultConfig({ ...nowhere, env: {}, baseDirectory: directory });
    expect(config.metering).toMatchObject({
      enabled: true,
      ledgerPath: join(directory, 'switchyard-ledger.jsonl'),
      baselineTarget: undefined,
    });
    const inWorkingDirectory = await discoverDefaultConfig({ ...nowhere, env: {} });
    expect(inWorkingDirectory.config.metering.ledgerPath).toBe(
      join(process.cwd(), 'switchyard-ledger.jsonl'),
    );
  });

  it('adds cloud targets for the keys that are set, reading no key into the config', async () => {
    // The adapters read keys from the process environment when they call (here: the probes).
    vi.stubEnv('OPENAI_API_KEY', 'sk-test-openai-123456');
    vi.stubEnv('OPENROUTER_API_KEY', 'sk-or-test-123456');
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    const { config, targets } = await discoverDefaultConfig({
      ...nowhere,
      env: process.env,
      backendOptions: { fetch: cloudFetch },
    }).finally(() => vi.unstubAllEnvs());
    expect(config.targets.map((target) => target.id)).toEqual([
      'embedded-tiny-chatml',
      'openai-gpt-4o-mini',
      'openai-gpt-4o',
      'openrouter-gpt-4o-mini',
    ]);
    expect(
      config.targets.filter((target) => target.locality === 'cloud').every((target) => target.tier === 3),
    ).toBe(true);
    expect(config.backends.find((backend) => backend.id === 'openai')).toMatchObject({
      apiKeyEnv: 'OPENAI_API_KEY',
    });
    expect(JSON.stringify(config)).not.toContain('sk-test-openai-123456');
    expect(config.routingTable.premium).toEqual(['gpt-*']);
    expect(config.metering.baselineTarget).toBe('openai-gpt-4o');
    expect(targets.find((entry) => entry.id === 'openai-gpt-4o')).toMatchObject({
      added: true,
      live: true,
      detail: expect.stringContaining('key in OPENAI_API_KEY'),
    });
  });
});
