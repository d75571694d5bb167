// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` is the config interpolation syntax, not a template
import { describe, expect, test } from 'vitest';
import { at, baseConfig, deepFreeze } from './__fixtures__/config-draft.js';
import { parseConfig } from './parse-config.js';

describe('parseConfig: defaults and normalisation', () => {
  const config = parseConfig(baseConfig(), { env: {} });

  test('applies every runtime default', () => {
    expect(config.health).toEqual({
      enabled: true,
      intervalMs: 30000,
      timeoutMs: 2000,
      retries: 2,
      failureThreshold: 5,
      cooldownMs: 30000,
      warmUp: true,
      warmUpTimeoutMs: 120000,
    });
    expect(config.retry).toEqual({
      maxAttempts: 2,
      backoff: { initialDelayMs: 500, maxDelayMs: 8000, multiplier: 2, jitter: true },
      maxRetryAfterMs: 60000,
    });
    expect(config.validation).toEqual({ temperatureSteps: [0.2, 0.1, 0], maxAttempts: 3, escalate: true });
    expect(config.metering).toEqual({
      enabled: true,
      ledgerPath: 'switchyard-ledger.jsonl',
      baselineTarget: undefined,
      baselinePrice: undefined,
      fallbackAlertRate: 0.15,
    });
    expect(config.router).toEqual({ maxFallbacks: 3 });
    expect(config.routingTable).toEqual({ aliases: [], premium: [] });
    expect(config.policies).toBeUndefined();
  });

  test('fills backend defaults from the kind', () => {
    expect(config.backends).toEqual([
      {
        id: 'ollama',
        kind: 'ollama',
        baseUrl: 'http://127.0.0.1:11434',
        headers: {},
        locality: 'local',
        options: {},
      },
      {
        id: 'openai',
        kind: 'openai',
        baseUrl: 'https://api.openai.com/v1',
        apiKeyEnv: 'OPENAI_API_KEY',
        headers: {},
        locality: 'cloud',
        options: {},
      },
    ]);
  });

  test('builds core targets: kind, locality, tier and timeout from defaults, optional fields absent', () => {
    expect(config.targets).toEqual([
      {
        id: 'llama3.1-8b',
        backend: 'ollama',
        kind: 'ollama',
        model: 'llama3.1:8b-instruct-q4_K_M',
        quantization: 'Q4_K_M',
        tier: 1,
        locality: 'local',
        capabilities: { contextWindow: 131072, tools: true, structuredOutput: 'native', vision: false },
        timeoutMs: 60000,
      },
      {
        id: 'gpt-4o',
        backend: 'openai',
        kind: 'openai',
        model: 'gpt-4o',
        quantization: null,
        tier: 3,
        locality: 'cloud',
        capabilities: { contextWindow: 128000, tools: false, structuredOutput: 'none', vision: false },
        price: {
          type: 'per-token',
          inputPerMillionUsd: 2.5,
          outputPerMillionUsd: 10,
          cachedInputPerMillionUsd: 1.25,
        },
        timeoutMs: 60000,
      },
    ]);
    expect(Object.keys(config.targets[0] ?? {})).not.toContain('price');
  });

  test('returns a frozen config', () => {
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.targets[0]?.capabilities)).toBe(true);
    expect(Object.isFrozen(config.routingTable.premium)).toBe(true);
  });

  test.each([
    ['target timeout wins', { timeoutMs: 1000 }, { timeoutMs: 5000 }, 5000],
    ['backend timeout is the default', { timeoutMs: 1000 }, {}, 1000],
    ['60 s when neither sets one', {}, {}, 60000],
  ])('timeoutMs: %s', (_name, backendFields, targetFields, expected) => {
    const input = baseConfig();
    input.backends = { ollama: { kind: 'ollama', ...backendFields } };
    input.targets = [
      { id: 't', backend: 'ollama', model: 'm', capabilities: { contextWindow: 100 }, ...targetFields },
    ];
    expect(parseConfig(input, { env: {} }).targets[0]?.timeoutMs).toBe(expected);
  });

  test.each([
    ['local server kind', { kind: 'vllm' }, {}, 'local', 1],
    ['cloud kind', { kind: 'anthropic' }, {}, 'cloud', 3],
    [
      'openai-compatible on a private address',
      { kind: 'openai-compatible', baseUrl: 'http://192.168.1.9:1234/v1' },
      {},
      'local',
      1,
    ],
    [
      'openai-compatible on a public host',
      { kind: 'openai-compatible', baseUrl: 'https://api.together.xyz/v1' },
      {},
      'cloud',
      3,
    ],
    [
      'backend locality given',
      { kind: 'openai-compatible', baseUrl: 'https://gpu.example.com/v1', locality: 'local' },
      {},
      'local',
      1,
    ],
    ['target locality given', { kind: 'vllm' }, { locality: 'cloud' }, 'cloud', 3],
    ['explicit tier kept', { kind: 'vllm' }, { tier: 2 }, 'local', 2],
    ['embedded', { kind: 'embedded', modelPath: '/models/tiny.gguf' }, {}, 'local', 1],
  ])('locality and tier: %s', (_name, backend, targetFields, locality, tier) => {
    const input = {
      backends: { b: backend },
      targets: [{ id: 't', backend: 'b', model: 'm', capabilities: { contextWindow: 100 }, ...targetFields }],
    };
    const target = parseConfig(input, { env: {} }).targets[0];
    expect(target?.locality).toBe(locality);
    expect(target?.tier).toBe(tier);
  });

  test('keeps a per-target prompt override', () => {
    const input = baseConfig();
    at(input, 'targets', 0).prompt = { system: 'Answer with ONLY the label.', mode: 'append' };
    at(input, 'targets', 1).prompt = { system: 'Be brief.' };
    const config = parseConfig(input, { env: {} });
    expect(config.targets[0]?.prompt).toEqual({ system: 'Answer with ONLY the label.', mode: 'append' });
    expect(config.targets[1]?.prompt).toEqual({ system: 'Be brief.' });
  });

  test('converts gpu-hourly prices', () => {
    const input = baseConfig();
    (input.targets as Record<string, unknown>[])[0] = {
      id: 'local',
      backend: 'ollama',
      model: 'm',
      capabilities: { contextWindow: 100 },
      price: { gpuHourly: { usdPerHour: 0.45, expectedOutputTokensPerSecond: 40 } },
    };
    expect(parseConfig(input, { env: {} }).targets[0]?.price).toEqual({
      type: 'gpu-hourly',
      gpuHourlyUsd: 0.45,
      expectedOutputTokensPerSecond: 40,
    });
  });

  test('builds the routing table from aliases (string and object hops) and premium names', () => {
    const input = {
      ...baseConfig(),
      routes: {
        aliases: {
          'local/llama3.1-8b': {
            primary: 'llama3.1-8b',
            fallbacks: [{ target: 'gpt-4o', model: 'gpt-4o-2024-08-06', timeoutMs: 30000 }],
          },
        },
        premium: ['gpt-4o', 'claude-*'],
      },
    };
    expect(parseConfig(input, { env: {} }).routingTable).toEqual({
      aliases: [
        {
          alias: 'local/llama3.1-8b',
          primary: { target: 'llama3.1-8b' },
          fallbacks: [{ target: 'gpt-4o', model: 'gpt-4o-2024-08-06', timeoutMs: 30000 }],
        },
      ],
      premium: ['gpt-4o', 'claude-*'],
    });
  });

  test('keeps policies in order, names and { name, options } alike', () => {
    const input = {
      ...baseConfig(),
      policies: ['privacy', { name: 'context-fit', options: { maxLocalContextTokens: 24000 } }],
    };
    expect(parseConfig(input, { env: {} }).policies).toEqual([
      { name: 'privacy', options: undefined },
      { name: 'context-fit', options: { maxLocalContextTokens: 24000 } },
    ]);
  });

  test('interpolates ${VAR} before validating, keeps apiKeyEnv as a name', () => {
    const text = `
backends:
  ollama: { kind: ollama, baseUrl: "\${OLLAMA_URL:-http://127.0.0.1:11434}" }
  openrouter:
    kind: openrouter
    apiKey: \${OPENROUTER_API_KEY}
  anthropic: { kind: anthropic, apiKeyEnv: CLAUDE_KEY }
targets:
  - { id: t, backend: ollama, model: "\${MODEL}", capabilities: { contextWindow: 8192 } }
`;
    const config = parseConfig(text, { env: { OPENROUTER_API_KEY: 'sk-or-1', MODEL: 'llama3.1:8b' } });
    expect(config.backends.find((backend) => backend.id === 'ollama')?.baseUrl).toBe(
      'http://127.0.0.1:11434',
    );
    const openrouter = config.backends.find((backend) => backend.id === 'openrouter');
    expect(openrouter?.apiKey).toBe('sk-or-1');
    expect(openrouter?.apiKeyEnv).toBeUndefined();
    expect(config.backends.find((backend) => backend.id === 'anthropic')?.apiKeyEnv).toBe('CLAUDE_KEY');
    expect(config.targets[0]?.model).toBe('llama3.1:8b');
  });

  test('resolves relative paths against baseDirectory', () => {
    const input = {
      backends: { embedded: { kind: 'embedded', modelPath: 'models/tiny.gguf' } },
      targets: [{ id: 't', backend: 'embedded', model: 'tiny', capabilities: { contextWindow: 2048 } }],
      metering: { ledgerPath: 'logs/ledger.jsonl' },
    };
    const config = parseConfig(input, { env: {}, baseDirectory: '/etc/switchyard' });
    expect(config.backends[0]?.modelPath).toBe('/etc/switchyard/models/tiny.gguf');
    expect(config.metering.ledgerPath).toBe('/etc/switchyard/logs/ledger.jsonl');
    const unresolved = parseConfig(input, { env: {} });
    expect(unresolved.backends[0]?.modelPath).toBe('models/tiny.gguf');
  });

  test('reads JSON text', () => {
    const config = parseConfig(JSON.stringify(baseConfig()), { env: {}, format: 'json' });
    expect(config.targets.map((target) => target.id)).toEqual(['llama3.1-8b', 'gpt-4o']);
  });

  test('never mutates the input object', () => {
    const input = deepFreeze({
      ...baseConfig(),
      backends: {
        ollama: { kind: 'ollama', baseUrl: '${URL:-http://127.0.0.1:11434}', options: { keepAlive: '5m' } },
      },
      targets: [
        { id: 't', backend: 'ollama', model: 'm', capabilities: { contextWindow: 100 }, tags: ['a'] },
      ],
      policies: [{ name: 'cost', options: { weights: { price: 1 } } }],
    });
    const snapshot = structuredClone(input);
    const config = parseConfig(input, { env: {} });
    expect(input).toEqual(snapshot);
    expect(config.targets[0]?.tags).not.toBe(input.targets[0]?.tags);
    expect(config.policies?.[0]?.options).not.toBe(input.policies[0]?.options);
  });
});
