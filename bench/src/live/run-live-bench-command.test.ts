import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinPolicies, defaultPolicyNames } from '@switchyard/policies';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataDirectory } from '../shared-data.js';
import { workloadDataFiles } from '../workload/workload-sources.js';
import type { LiveBenchReport } from './run-live-bench.js';
import { type LiveBenchCommandOptions, runLiveBenchCommand } from './run-live-bench-command.js';

const sharedDir = sharedDataDirectory();
const present = hasSharedData(sharedDir, workloadDataFiles);
const tinyModel = fileURLToPath(new URL('../../../models/tiny-chatml.gguf', import.meta.url));

class TestUsageError extends Error {}

let folder: string;
let twoModelsConfig: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'switchyard-live-bench-'));
  twoModelsConfig = join(folder, 'two-tiny.yaml');
  const target = (id: string, backend: string) =>
    `  - { id: ${id}, backend: ${backend}, model: tiny-chatml, tier: 1, maxConcurrency: 1,\n` +
    '      capabilities: { contextWindow: 4096, tools: false, structuredOutput: native },\n' +
    '      price: { gpuHourly: { usdPerHour: 0.1 } } }\n';
  await writeFile(
    twoModelsConfig,
    'version: 1\n' +
      'backends:\n' +
      `  first: { kind: embedded, modelPath: ${JSON.stringify(tinyModel)} }\n` +
      `  second: { kind: embedded, modelPath: ${JSON.stringify(tinyModel)} }\n` +
      `targets:\n${target('tiny-first', 'first')}${target('tiny-second', 'second')}` +
      'health: { enabled: false }\n',
  );
});

afterAll(async () => {
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

async function runCommand(options: LiveBenchCommandOptions, command = 'switchyard bench live') {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runLiveBenchCommand(options, {
    stdout: { write: (text: string) => stdout.push(text) },
    stderr: { write: (text: string) => stderr.push(text) },
    // No cloud key and no SWITCHYARD_* variables: the built-in config is the embedded model.
    env: {},
    cwd: folder,
    registry: builtinPolicies,
    defaultPolicyNames,
    command,
    usageError: (message) => new TestUsageError(message),
    sharedDir,
  });
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

describe.skipIf(!present)(
  `switchyard bench live on the real tiny model (needs the shared data in ${sharedDir})`,
  () => {
    it('runs out of the box on the built-in config and writes the JSON report', async () => {
      const { code, stdout, stderr } = await runCommand(
        { requests: 6, mix: 'plain=2,structured', json: true, out: 'reports', concurrency: 2 },
        'switchyard bench live --requests 6 --mix plain=2,structured --json --out reports',
      );
      expect(code).toBe(0);
      const report = JSON.parse(stdout) as LiveBenchReport & { command: string };
      expect(report).toMatchObject({
        benchmark: 'live',
        command: 'switchyard bench live --requests 6 --mix plain=2,structured --json --out reports',
        mode: 'routed',
        settings: { requests: 6, concurrency: 2, maxOutputTokens: 256, seed: 1 },
        selection: { wanted: 6, selected: 6 },
      });
      expect(report.config.source).toMatch(/^built-in config/);
      expect(report.machine.cores).toBeGreaterThan(0);
      expect(report.warmUps).toEqual([expect.objectContaining({ backend: 'embedded' })]);
      expect(report.warmUps[0]?.error).toBeUndefined();
      expect(report.run.sent).toBe(6);
      expect(report.run.ok + report.run.errors + report.run.cut).toBe(6);

      const [tiny] = report.targets;
      expect(tiny).toMatchObject({
        target: 'embedded-tiny-chatml',
        kind: 'embedded',
        locality: 'local',
        requests: 6,
      });
      expect(tiny?.latencyMs?.p50).toBeGreaterThan(0);
      expect(tiny?.outputTokensPerSecond?.p50).toBeGreaterThan(0);
      expect(tiny?.cost).toMatchObject({ usd: null, basis: ['unpriced'] });
      // The tiny model answers chat with one short sentence, ending on its own.
      const plain = report.requests.filter((request) => request.kind === 'plain-chat');
      expect(plain.length).toBeGreaterThanOrEqual(4);
      for (const request of plain) expect(request).toMatchObject({ outcome: 'ok', finishReason: 'stop' });
      expect(tiny?.structured?.answers).toBeGreaterThanOrEqual(0);
      for (const field of ['p50', 'p95', 'mean', 'count']) expect(report.run.latencyMs).toHaveProperty(field);

      const written = JSON.parse(
        await readFile(join(folder, 'reports', 'live-bench.json'), 'utf8'),
      ) as LiveBenchReport;
      expect(written.run.sent).toBe(6);
      expect(existsSync(join(folder, 'reports', 'live-bench.txt'))).toBe(true);
      expect(stderr).toContain('live-bench.json');
    });

    it('compares two targets on the same requests: the same model agrees exactly', async () => {
      const { code, stdout } = await runCommand({
        configPath: twoModelsConfig,
        compare: 'tiny-first,tiny-second',
        requests: 4,
        mix: 'plain',
      });
      expect(code).toBe(0);
      expect(stdout).toContain('mode:     compare — every request on each of tiny-first, tiny-second');
      expect(stdout).toContain('tiny-first vs tiny-second (local vs local): 4 requests both answered');
      expect(stdout).toContain('exact match after normalisation: 4/4 (100.0 %) — short-text 4/4');
      expect(stdout).toMatch(/tiny-first\s+local\s+4\s+4\s/);
    });

    it.each([
      [{ mix: 'plain,video' }, /--mix: unknown kind 'video'/],
      [{ requests: 0 }, /--requests: expected a positive integer, got 0/],
      [{ concurrency: 1.5 }, /--concurrency: expected a positive integer/],
      [{ deadlineSeconds: 0 }, /--deadline: expected seconds > 0/],
      [{ compare: 'tiny-first' }, /--compare: expected two or more different target ids/],
      [{ compare: 'tiny-first,tiny-first' }, /--compare: expected two or more different target ids/],
      [
        { compare: 'tiny-first,gpt-9' },
        /--compare: no target 'gpt-9' in the config; its targets: tiny-first, tiny-second/,
      ],
      [
        { mix: 'tools' },
        /none of the \d+ workload requests considered can be served by .*no-route \(tool-depth\)/,
      ],
    ])('rejects %j with a usage error', async (options, message) => {
      const failure = runCommand({ configPath: twoModelsConfig, requests: 3, ...options });
      await expect(failure).rejects.toBeInstanceOf(TestUsageError);
      await expect(failure).rejects.toThrow(message);
    });
  },
);
