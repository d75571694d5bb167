import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadConfigFile } from './load-config-file.js';

/** The example configs in /examples, which users copy and other tools (bench, gateway tests) load. */
const examplesDirectory = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const exampleFiles = readdirSync(examplesDirectory).filter((name) => name.endsWith('.yaml'));

const builtinPolicyNames = [
  'routing-table',
  'privacy',
  'modality',
  'context-fit',
  'tool-depth',
  'structured-output',
  'health',
  'cost',
  'quantization',
  'tiering',
];

describe('examples', () => {
  test('the four documented examples exist', () => {
    expect(exampleFiles).toEqual(
      expect.arrayContaining(['cloud-only.yaml', 'hybrid.yaml', 'local-only.yaml', 'ollama.yaml']),
    );
  });

  test.each(exampleFiles)(
    '%s loads with an empty environment and points editors at the schema',
    async (name) => {
      const text = readFileSync(`${examplesDirectory}${name}`, 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../docs/config.schema.json');
      const config = await loadConfigFile(`${examplesDirectory}${name}`, { env: {} });
      expect(config.targets.length).toBeGreaterThan(0);
      // Keys come from the environment at call time, never from the file.
      expect(text).not.toMatch(/apiKey:/);
      for (const target of config.targets) {
        expect(target.price?.type).toBe(target.locality === 'local' ? 'gpu-hourly' : 'per-token');
      }
    },
  );

  test('local-only.yaml has no cloud target, cloud-only.yaml no local one, ollama.yaml only Ollama', async () => {
    const localOnly = await loadConfigFile(`${examplesDirectory}local-only.yaml`, { env: {} });
    expect(new Set(localOnly.targets.map((target) => target.locality))).toEqual(new Set(['local']));
    expect(new Set(localOnly.targets.map((target) => target.kind))).toEqual(new Set(['ollama', 'llamacpp']));
    const cloudOnly = await loadConfigFile(`${examplesDirectory}cloud-only.yaml`, { env: {} });
    expect(new Set(cloudOnly.targets.map((target) => target.locality))).toEqual(new Set(['cloud']));
    const ollama = await loadConfigFile(`${examplesDirectory}ollama.yaml`, { env: {} });
    expect(new Set(ollama.targets.map((target) => target.kind))).toEqual(new Set(['ollama']));
  });
});

describe('examples/hybrid.yaml', async () => {
  const config = await loadConfigFile(`${examplesDirectory}hybrid.yaml`, { env: {} });
  const target = (id: string) => {
    const found = config.targets.find((candidate) => candidate.id === id);
    if (found === undefined) throw new Error(`no target ${id}`);
    return found;
  };

  test('serves Qwen 2.5 14B Q4_K_M from llama.cpp at 127.0.0.1:8080', () => {
    expect(config.backends.find((backend) => backend.id === 'llamacpp')).toMatchObject({
      kind: 'llamacpp',
      baseUrl: 'http://127.0.0.1:8080',
    });
    expect(target('llamacpp-qwen2.5-14b-q4')).toMatchObject({
      kind: 'llamacpp',
      quantization: 'Q4_K_M',
      tier: 1,
      locality: 'local',
      capabilities: { contextWindow: 32768 },
    });
  });

  test('routes local/qwen2.5-14b to llama.cpp with an OpenRouter fallback under its own name and timeout', () => {
    const alias = config.routingTable.aliases.find((entry) => entry.alias === 'local/qwen2.5-14b');
    expect(alias?.primary.target).toBe('llamacpp-qwen2.5-14b-q4');
    expect(alias?.fallbacks).toHaveLength(1);
    const fallback = alias?.fallbacks[0];
    expect(fallback?.model).toBe('qwen/qwen-2.5-72b-instruct');
    expect(fallback?.timeoutMs).toBeTypeOf('number');
    expect(target(fallback?.target ?? '')).toMatchObject({ kind: 'openrouter', locality: 'cloud' });
  });

  test('has the Ollama tiers at 127.0.0.1:11434', () => {
    expect(config.backends.find((backend) => backend.id === 'ollama')?.baseUrl).toBe(
      'http://127.0.0.1:11434',
    );
    expect(target('ollama-llama3.1-8b-q4')).toMatchObject({
      kind: 'ollama',
      quantization: 'Q4_K_M',
      tier: 1,
    });
    expect(target('ollama-llama3.1-70b-q8')).toMatchObject({ kind: 'ollama', quantization: 'Q8_0', tier: 2 });
  });

  test('has cloud targets on OpenRouter, OpenAI (gpt-4o, gpt-4o-mini) and Anthropic', () => {
    const cloud = config.targets.filter((candidate) => candidate.locality === 'cloud');
    expect(new Set(cloud.map((candidate) => candidate.kind))).toEqual(
      new Set(['openrouter', 'openai', 'anthropic']),
    );
    expect(
      cloud.filter((candidate) => candidate.kind === 'openai').map((candidate) => candidate.model),
    ).toEqual(['gpt-4o', 'gpt-4o-mini']);
    expect(target('openai-gpt-4o').capabilities.contextWindow).toBe(128000);
    expect(target('anthropic-claude-sonnet-5').capabilities.contextWindow).toBe(200000);
    expect(target('anthropic-claude-sonnet-5').price).toEqual({
      type: 'per-token',
      inputPerMillionUsd: 2,
      outputPerMillionUsd: 10,
      cachedInputPerMillionUsd: 0.2,
    });
  });

  test('reads keys from the environment by name', () => {
    for (const backend of config.backends.filter((entry) => entry.locality === 'cloud')) {
      expect(backend.apiKey).toBeUndefined();
      expect(backend.apiKeyEnv).toMatch(/_API_KEY$/);
    }
  });

  test('lists the premium names', () => {
    expect(config.routingTable.premium).toEqual(['gpt-4o', 'gpt-4.1', 'anthropic/*', 'claude-*']);
  });

  test('turns on every built-in policy with the usual thresholds', () => {
    expect(config.policies?.map((policy) => policy.name)).toEqual(builtinPolicyNames);
    const options = (name: string) => config.policies?.find((policy) => policy.name === name)?.options;
    expect(options('context-fit')).toEqual({ maxLocalContextTokens: 24000 });
    expect(options('tool-depth')).toEqual({ maxTools: 8, maxToolChainLength: 5 });
  });

  test('local targets cost GPU time, and metering compares against a cloud baseline', () => {
    for (const local of config.targets.filter((candidate) => candidate.locality === 'local')) {
      expect(local.price?.type).toBe('gpu-hourly');
    }
    expect(target(config.metering.baselineTarget ?? '').locality).toBe('cloud');
  });
});
