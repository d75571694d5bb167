import { type BackendConfig, type BackendKind, InvalidConfigError, parseConfig } from '@switchyard/core';
import { type Emulator, type EmulatorKind, startEmulator } from '@switchyard/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackend } from './create-backend.js';
import { createBackendsFromConfig } from './create-backends-from-config.js';
import { createNodeHttpFetch } from './create-node-http-fetch.js';
import { loadEmbeddedModule } from './load-embedded-module.js';

const running: Emulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

async function emulator(kind: EmulatorKind, apiKey?: string): Promise<Emulator> {
  const started = await startEmulator(kind, apiKey === undefined ? {} : { apiKey });
  running.push(started);
  return started;
}

function backendConfig(fields: Partial<BackendConfig> & Pick<BackendConfig, 'id' | 'kind'>): BackendConfig {
  return { headers: {}, locality: 'local', options: {}, ...fields };
}

const request = { model: 'x', messages: [{ role: 'user' as const, content: 'Say hi' }] };

type KindCase = {
  readonly kind: BackendKind;
  readonly emulator: EmulatorKind;
  /** The base URL as the config holds it, from the emulator's root. */
  readonly baseUrl: (root: string) => string;
  readonly keyed: boolean;
};

const kindCases: readonly KindCase[] = [
  { kind: 'openai', emulator: 'openai', baseUrl: (root) => `${root}/v1`, keyed: true },
  { kind: 'openrouter', emulator: 'openrouter', baseUrl: (root) => `${root}/api/v1`, keyed: true },
  { kind: 'openai-compatible', emulator: 'openai', baseUrl: (root) => `${root}/v1`, keyed: true },
  { kind: 'vllm', emulator: 'vllm', baseUrl: (root) => root, keyed: true },
  { kind: 'tgi', emulator: 'tgi', baseUrl: (root) => root, keyed: true },
  { kind: 'llamacpp', emulator: 'openai', baseUrl: (root) => root, keyed: true },
  { kind: 'ollama', emulator: 'ollama', baseUrl: (root) => root, keyed: false },
  { kind: 'anthropic', emulator: 'anthropic', baseUrl: (root) => root, keyed: true },
];

const transports = [
  { transport: 'the global fetch', fetch: undefined },
  { transport: 'createNodeHttpFetch', fetch: createNodeHttpFetch() },
];

describe.each(transports)('createBackend over $transport', ({ fetch }) => {
  it.each(kindCases)('builds the $kind adapter that answers through its server', async (testCase) => {
    const variable = `SWITCHYARD_TEST_KEY_${testCase.kind.toUpperCase().replace(/-/g, '_')}`;
    const key = `sk-test-${testCase.kind}`;
    const server = await emulator(testCase.emulator, testCase.keyed ? key : undefined);
    const backend = await createBackend(
      backendConfig({
        id: `my-${testCase.kind}`,
        kind: testCase.kind,
        baseUrl: testCase.baseUrl(server.url),
        apiKeyEnv: variable,
        headers: { 'X-Team': 'routing' },
      }),
      fetch === undefined ? {} : { fetch },
    );
    expect(backend).toMatchObject({ id: `my-${testCase.kind}`, kind: testCase.kind });

    // The key is read when the call is made, not when the adapter is built.
    vi.stubEnv(variable, key);
    try {
      const model = server.models[0]?.id ?? 'unknown';
      const result = await backend.doGenerate({ request: { ...request, model }, model });
      expect(result.completion.choices[0]?.message.content).toMatch(/Hello from/);
    } finally {
      vi.unstubAllEnvs();
    }
    const chat = server.requests.find((recorded) => recorded.method === 'POST');
    expect(chat?.headers['x-team']).toBe('routing');
  });

  it.each(kindCases)('streams from the $kind adapter', async (testCase) => {
    const server = await emulator(testCase.emulator);
    const backend = await createBackend(
      backendConfig({
        id: testCase.kind,
        kind: testCase.kind,
        baseUrl: testCase.baseUrl(server.url),
        apiKey: 'k-123',
      }),
      fetch === undefined ? {} : { fetch },
    );
    const model = server.models[0]?.id ?? 'unknown';
    const { stream } = await backend.doStream({ request: { ...request, model, stream: true }, model });
    let text = '';
    let finished = false;
    for await (const part of stream) {
      if (part.type === 'chunk') text += part.chunk.choices[0]?.delta.content ?? '';
      else finished = true;
    }
    expect(text).toMatch(/Hello from/);
    expect(finished).toBe(true);
  });
});

describe('createBackend settings', () => {
  it('passes adapter options through, with the connection fields winning', async () => {
    const server = await emulator('ollama');
    const backend = await createBackend(
      backendConfig({
        id: 'ollama',
        kind: 'ollama',
        baseUrl: server.url,
        options: { keepAlive: '30m', id: 'not-this-one' },
      }),
    );
    expect(backend.id).toBe('ollama');
    await backend.doGenerate({ request: { ...request, model: 'llama3.1:8b' }, model: 'llama3.1:8b' });
    const chat = server.requests.find((recorded) => recorded.path === '/api/chat');
    expect(chat?.body).toMatchObject({ keep_alive: '30m' });
  });

  it('loads the embedded package only for an embedded backend, with its settings', async () => {
    const createEmbedded = vi.fn((settings: { id: string; modelPath: string }) => ({
      specificationVersion: 'v1' as const,
      id: settings.id,
      kind: 'embedded' as const,
      describe: vi.fn(),
      doGenerate: vi.fn(),
      doStream: vi.fn(),
      probe: vi.fn(),
    }));
    const loadEmbedded = vi.fn(async () => ({ createEmbedded }));
    const backend = await createBackend(
      backendConfig({ id: 'local', kind: 'embedded', modelPath: '/models/a.gguf', options: { threads: 2 } }),
      { loadEmbedded },
    );
    expect(backend.id).toBe('local');
    expect(loadEmbedded).toHaveBeenCalledWith('local');
    expect(createEmbedded).toHaveBeenCalledWith({ id: 'local', modelPath: '/models/a.gguf', threads: 2 });
  });

  it('fails an openai-compatible backend without a base URL, naming the field', async () => {
    await expect(createBackend(backendConfig({ id: 'lm', kind: 'openai-compatible' }))).rejects.toThrow(
      'backends.lm.baseUrl: required field is missing',
    );
  });
});

describe('createBackendsFromConfig', () => {
  const config = parseConfig(
    {
      backends: {
        ollama: { kind: 'ollama' },
        openai: { kind: 'openai' },
      },
      targets: [
        { id: 'llama', backend: 'ollama', model: 'llama3.1:8b', capabilities: { contextWindow: 8192 } },
        { id: 'gpt', backend: 'openai', model: 'gpt-4o-mini', capabilities: { contextWindow: 128000 } },
      ],
    },
    { env: {} },
  );

  it('builds every backend by id, never loading the embedded package when none is configured', async () => {
    const loadEmbedded = vi.fn();
    const backends = await createBackendsFromConfig(config, { loadEmbedded });
    expect(Object.keys(backends)).toEqual(['ollama', 'openai']);
    expect(backends.ollama?.kind).toBe('ollama');
    expect(backends.openai?.kind).toBe('openai');
    expect(loadEmbedded).not.toHaveBeenCalled();
  });
});

describe('loadEmbeddedModule', () => {
  it('imports the real embedded package', async () => {
    const module = await loadEmbeddedModule('local');
    expect(typeof module.createEmbedded).toBe('function');
  });

  it('explains how to install the package when it is missing', async () => {
    const missing = Object.assign(
      new Error("Cannot find package '@switchyard/backend-embedded' imported from /app/index.js"),
      { code: 'ERR_MODULE_NOT_FOUND' },
    );
    const failure = loadEmbeddedModule('local', async () => {
      throw missing;
    });
    await expect(failure).rejects.toSatisfy(InvalidConfigError.isInstance);
    await expect(failure).rejects.toThrow(
      "backends.local: kind 'embedded' needs the package @switchyard/backend-embedded, which is not installed; run `npm install @switchyard/backend-embedded`",
    );
  });

  it('lets other import failures through unchanged', async () => {
    const broken = new Error('node-llama-cpp: binary not found');
    await expect(
      loadEmbeddedModule('local', async () => {
        throw broken;
      }),
    ).rejects.toBe(broken);
  });
});
