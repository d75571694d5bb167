import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Emulator,
  startOllamaEmulator,
  startOpenAIEmulator,
  startVllmEmulator,
} from '@switchyard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './__fixtures__/run-cli.js';

const cloudKeyVariable = 'SWITCHYARD_DOCTOR_TEST_KEY';
const cloudKey = 'sk-doctor-0123456789';
/** Nothing listens on port 9 ("discard") on test machines. */
const noOllama = { OLLAMA_HOST: '127.0.0.1:9' };

let directory: string;
let emptyDirectory: string;
let ollama: Emulator;
let vllm: Emulator;
let cloud: Emulator;

beforeAll(async () => {
  [directory, emptyDirectory, ollama, vllm, cloud] = await Promise.all([
    mkdtemp(join(tmpdir(), 'switchyard-doctor-')),
    mkdtemp(join(tmpdir(), 'switchyard-doctor-empty-')),
    startOllamaEmulator(),
    startVllmEmulator(),
    startOpenAIEmulator({ apiKey: cloudKey }),
  ]);
  process.env[cloudKeyVariable] = cloudKey;
});

afterAll(async () => {
  await Promise.all([ollama?.close(), vllm?.close(), cloud?.close()]);
  await Promise.all([directory, emptyDirectory].map((path) => rm(path, { recursive: true, force: true })));
  delete process.env[cloudKeyVariable];
});

/** Writes a config for the emulators (vLLM at `vllmUrl`) and returns its path. */
async function writeConfig(name: string, vllmUrl: string, extra = ''): Promise<string> {
  const path = join(directory, name);
  await writeFile(
    path,
    `backends:
  ollama: { kind: ollama, baseUrl: '${ollama.url}' }
  vllm: { kind: vllm, baseUrl: '${vllmUrl}' }
  cloud: { kind: openai, baseUrl: '${cloud.url}/v1', apiKeyEnv: ${cloudKeyVariable} }
targets:
  - { id: llama-8b, backend: ollama, model: 'llama3.1:8b', quantization: Q4_K_M, capabilities: { contextWindow: 4096 } }
  - { id: vllm-llama, backend: vllm, model: meta-llama/Llama-3.1-8B-Instruct, tier: 2, capabilities: { contextWindow: 16384 } }
  - { id: gpt-4o-mini, backend: cloud, model: gpt-4o-mini, capabilities: { contextWindow: 128000 } }
routes:
  aliases:
    fast: { primary: llama-8b, fallbacks: [gpt-4o-mini] }
    large: { primary: vllm-llama, fallbacks: [gpt-4o-mini] }
health: { retries: 0 }
${extra}`,
  );
  return path;
}

type JsonReport = {
  config: string;
  ok: boolean;
  exitCode: number;
  primary: { ids: string[]; rule: string };
  targets: { id: string; status: string; modelCheck: string; primary: boolean; loaded: boolean | null }[];
  backends: { id: string; status: string; models: string[] | null }[];
  discovered?: { id: string; added: boolean }[];
};

/** Lines of the target table, by target id. */
function tableRow(stdout: string, id: string): string[] {
  const line = stdout.split('\n').find((row) => row.startsWith(`${id} `));
  return line?.trim().split(/\s{2,}/) ?? [];
}

describe('switchyard doctor with a config', () => {
  it('exits 0 and prints one row per target when every primary target is up', async () => {
    const path = await writeConfig('up.yaml', vllm.url);
    const cloudPosts = () => cloud.requests.filter((request) => request.method === 'POST').length;
    const before = cloudPosts();
    const result = await runCli(['doctor', '--config', path], { cwd: directory });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`switchyard doctor: config ${path}`);
    expect(result.stdout).toContain('primary targets: the primary of each route alias');
    expect(tableRow(result.stdout, 'llama-8b')).toEqual([
      'llama-8b',
      'ollama',
      'ollama',
      'local',
      '1',
      'yes',
      'up',
      expect.stringMatching(/^\d+(\.\d)? ms$/),
      'listed',
      '4096',
      'Q4_K_M',
      'yes',
    ]);
    expect(tableRow(result.stdout, 'vllm-llama')).toEqual([
      'vllm-llama',
      'vllm',
      'vllm',
      'local',
      '2',
      'yes',
      'up',
      expect.stringMatching(/ ms$/),
      'listed',
      '16384 (server 8192)',
      '-',
      'yes',
    ]);
    expect(tableRow(result.stdout, 'gpt-4o-mini').slice(0, 7)).toEqual([
      'gpt-4o-mini',
      'cloud',
      'openai',
      'cloud',
      '3',
      'no',
      'up',
    ]);
    expect(result.stdout).toMatch(
      /notes:\n {2}vllm-llama: contextWindow 16384 is more than the server's 8192/,
    );
    expect(result.stdout).toContain('ok: all 2 primary targets are usable');
    expect(cloudPosts()).toBe(before);
  });

  it('prints the report as JSON with --json', async () => {
    const path = await writeConfig('json.yaml', vllm.url);
    const result = await runCli(['doctor', '-c', path, '--json', '--timeout', '1000'], { cwd: directory });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport & { timeoutMs: number };
    expect(report).toMatchObject({
      config: path,
      ok: true,
      exitCode: 0,
      timeoutMs: 1000,
      primary: { ids: ['llama-8b', 'vllm-llama'], rule: 'route-primaries' },
    });
    expect(report.targets.map(({ id, status, modelCheck }) => [id, status, modelCheck])).toEqual([
      ['llama-8b', 'up', 'listed'],
      ['vllm-llama', 'up', 'listed'],
      ['gpt-4o-mini', 'up', 'listed'],
    ]);
    expect(report.backends.find((backend) => backend.id === 'cloud')?.models).toEqual([
      'gpt-4o-mini',
      'gpt-4o',
    ]);
    expect(result.stdout).not.toContain(cloudKey);
  });

  it('exits 1 naming the primary target that is down', async () => {
    const stopped = await startVllmEmulator();
    await stopped.close();
    const path = await writeConfig('down.yaml', stopped.url);
    const result = await runCli(['doctor', '--config', path, '--timeout', '500'], { cwd: directory });
    expect(result.code).toBe(1);
    expect(tableRow(result.stdout, 'vllm-llama').slice(5, 9)).toEqual(['yes', 'down', '-', 'unknown']);
    expect(result.stdout).toMatch(/problems:\n {2}vllm-llama \(primary\): backend 'vllm' is down: /);
    expect(result.stdout).toContain('FAIL: 1 of 2 primary targets not usable: vllm-llama');

    const json = await runCli(['doctor', '--config', path, '--timeout', '500', '--json'], { cwd: directory });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      exitCode: 1,
      failingPrimaries: ['vllm-llama'],
    });
  });

  it.each([
    {
      name: 'a config that does not validate',
      files: { 'bad.yaml': 'targets: [ { id: x } ]\n' },
      argv: ['--config', 'bad.yaml'],
      message: /invalid config .*bad\.yaml/,
    },
    {
      name: 'a config file that is missing',
      files: {},
      argv: ['--config', 'missing.yaml'],
      message: /missing\.yaml: file not found/,
    },
    {
      name: 'an unknown policy',
      files: {
        'policy.yaml':
          "backends: { o: { kind: ollama } }\ntargets: [ { id: a, backend: o, model: 'm', capabilities: { contextWindow: 4096 } } ]\npolicies: [ no-such-policy ]\n",
      },
      argv: ['--config', 'policy.yaml'],
      message: /no-such-policy/,
    },
    {
      name: 'a bad --timeout',
      files: {},
      argv: ['--timeout', 'soon'],
      message: /expected a whole number of milliseconds/,
    },
    {
      name: '--model together with a config file',
      files: { 'switchyard.yaml': 'targets: []\n' },
      argv: ['--model', 'x.gguf'],
      message: /--model applies to the built-in config only/,
    },
  ])('exits 2 for $name', async ({ files, argv, message }) => {
    const folder = await mkdtemp(join(directory, 'case-'));
    for (const [name, text] of Object.entries(files)) await writeFile(join(folder, name), text);
    const result = await runCli(['doctor', ...argv], { cwd: folder, env: noOllama });
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
  });
});

describe('switchyard doctor with the built-in config', () => {
  it('checks the bundled model when there is no config file, and says what it did not find', async () => {
    const result = await runCli(['doctor'], { cwd: emptyDirectory, env: noOllama });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('switchyard doctor: config built in');
    expect(result.stdout).toContain('primary targets: every local target (no route aliases)');
    expect(tableRow(result.stdout, 'embedded-tiny-chatml')).toEqual([
      'embedded-tiny-chatml',
      'embedded',
      'embedded',
      'local',
      '1',
      'yes',
      'up',
      expect.stringMatching(/ ms$/),
      'listed',
      expect.stringMatching(/^\d+$/),
      expect.stringMatching(/^[A-Z0-9_]+$/),
      'no',
    ]);
    expect(result.stdout).toMatch(
      /not in the built-in config:\n {2}ollama\s+ollama\s+not running at http:\/\/127\.0\.0\.1:9/,
    );
    expect(result.stdout).toContain('ok: the primary target is usable');
  });

  it('adds the models of an Ollama server found at OLLAMA_HOST, all of them primary', async () => {
    const result = await runCli(['doctor', '--json'], {
      cwd: emptyDirectory,
      env: { OLLAMA_HOST: ollama.url },
    });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.config).toBe('built in');
    expect(report.primary).toEqual({
      ids: ['embedded-tiny-chatml', 'ollama-llama3.1:8b', 'ollama-qwen2.5:14b'],
      rule: 'local-targets',
    });
    expect(report.targets.map(({ id, status, loaded }) => [id, status, loaded])).toEqual([
      ['embedded-tiny-chatml', 'up', false],
      ['ollama-llama3.1:8b', 'up', true],
      ['ollama-qwen2.5:14b', 'up', false],
    ]);
    expect(report.discovered?.find((found) => found.id === 'llamacpp')).toMatchObject({ added: false });
    expect(ollama.requests.filter((request) => request.path === '/api/chat')).toEqual([]);
  });

  it('exits 2 for a --model file that does not exist', async () => {
    const result = await runCli(['doctor', '--model', 'nope.gguf'], { cwd: emptyDirectory, env: noOllama });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`model file not found: ${join(emptyDirectory, 'nope.gguf')}`);
  });
});
