import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinPolicies, defaultPolicyNames } from '@switchyard/policies';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataDirectory } from '../../../bench/src/shared-data.js';
import { workloadDataFiles } from '../../../bench/src/workload/workload-sources.js';
import {
  type BenchLiveOptions,
  type LiveBenchModule,
  registerBenchLiveCommand,
} from './bench-live-command.js';
import type { CliIo } from './cli-io.js';
import { UsageError } from './usage-error.js';

const sharedDirectory = sharedDataDirectory();
const present = hasSharedData(sharedDirectory, workloadDataFiles);
const tinyModel = fileURLToPath(new URL('../../../models/tiny-chatml.gguf', import.meta.url));

let folder: string;
let configPath: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'switchyard-bench-live-cli-'));
  configPath = join(folder, 'tiny.yaml');
  await writeFile(
    configPath,
    'version: 1\n' +
      `backends:\n  tiny: { kind: embedded, modelPath: ${JSON.stringify(tinyModel)} }\n` +
      'targets:\n  - { id: tiny-local, backend: tiny, model: tiny-chatml, maxConcurrency: 1,\n' +
      '      capabilities: { contextWindow: 4096, tools: false, structuredOutput: native } }\n' +
      'health: { enabled: false }\n',
  );
});

afterAll(async () => {
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

type Captured = { options: BenchLiveOptions; command: string; cwd: string | undefined };

function harness(
  options: { env?: Record<string, string>; loadLiveBench?: () => Promise<LiveBenchModule> } = {},
) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const captured: Captured[] = [];
  let exitCode: number | undefined;
  const io: CliIo = {
    stdin: (async function* () {})(),
    stdout: { write: (text: string) => stdout.push(text) },
    stderr: { write: (text: string) => stderr.push(text) },
    env: { SWITCHYARD_SHARED_DIR: sharedDirectory, ...options.env },
    cwd: folder,
  };
  const fake: LiveBenchModule = {
    runLiveBenchCommand: async (given, context) => {
      captured.push({ options: given, command: context.command, cwd: context.cwd });
      return 0;
    },
  };
  const bench = new Command('bench').exitOverride();
  registerBenchLiveCommand(bench, {
    io,
    registry: builtinPolicies,
    defaultPolicyNames,
    setExitCode: (code) => {
      exitCode = code;
    },
    loadLiveBench: options.loadLiveBench ?? (async () => fake),
  });
  const program = new Command('switchyard').exitOverride().addCommand(bench);
  return {
    run: (argv: string[]) => program.parseAsync(argv, { from: 'user' }),
    captured,
    stdout: () => stdout.join(''),
    stderr: () => stderr.join(''),
    exitCode: () => exitCode,
  };
}

describe('switchyard bench live: options', () => {
  it.each([
    [['bench', 'live'], {}, 'switchyard bench live'],
    [
      ['bench', 'live', '--requests', '20', '--concurrency', '8', '--mix', 'plain,tools', '--json'],
      { requests: 20, concurrency: 8, mix: 'plain,tools', json: true },
      'switchyard bench live --requests 20 --concurrency 8 --mix plain,tools --json',
    ],
    [
      [
        'bench',
        'live',
        '--compare',
        'a,b',
        '--deadline',
        '2.5',
        '--max-tokens',
        '64',
        '--seed',
        '0',
        '--out',
        'my reports',
      ],
      { compare: 'a,b', deadlineSeconds: 2.5, maxTokens: 64, seed: 0, out: 'my reports' },
      "switchyard bench live --compare a,b --deadline 2.5 --max-tokens 64 --seed 0 --out 'my reports'",
    ],
  ])('%j', async (argv, expected, command) => {
    const cli = harness();
    await cli.run(argv);
    expect(cli.exitCode()).toBe(0);
    expect(cli.captured).toEqual([{ options: expected, command, cwd: folder }]);
  });

  it('uses --config, else $SWITCHYARD_CONFIG, resolved against the working folder', async () => {
    const explicit = harness();
    await explicit.run(['bench', 'live', '--config', 'tiny.yaml']);
    expect(explicit.captured[0]?.options.configPath).toBe(configPath);

    const fromEnvironment = harness({ env: { SWITCHYARD_CONFIG: 'tiny.yaml' } });
    await fromEnvironment.run(['bench', 'live']);
    expect(fromEnvironment.captured[0]?.options.configPath).toBe(configPath);
  });

  it.each([
    [
      ['bench', 'live', '--requests', '0'],
      "option '--requests <n>' argument '0' is invalid. must be a positive integer",
    ],
    [['bench', 'live', '--deadline', 'soon'], 'must be a number of seconds > 0'],
    [['bench', 'live', '--seed', '-1'], 'must be an integer ≥ 0'],
  ])('rejects %j before loading the bench', async (argv, message) => {
    let loaded = false;
    const cli = harness({
      loadLiveBench: async () => {
        loaded = true;
        throw new Error('not expected');
      },
    });
    await expect(cli.run(argv)).rejects.toBeInstanceOf(CommanderError);
    expect(cli.stderr()).toContain(message);
    expect(loaded).toBe(false);
  });
});

describe.skipIf(!present)(
  `switchyard bench live: end to end on the tiny model (needs ${sharedDirectory})`,
  () => {
    const loadSources = async () => (await import('../../../bench/src/live/index.js')) as LiveBenchModule;

    it('runs the bench package and prints its report', async () => {
      const cli = harness({ loadLiveBench: loadSources });
      await cli.run(['bench', 'live', '--config', configPath, '--requests', '3', '--mix', 'plain', '--json']);
      expect(cli.exitCode()).toBe(0);
      const report = JSON.parse(cli.stdout()) as {
        command: string;
        targets: { target: string; answered: number }[];
        run: { sent: number; ok: number };
      };
      expect(report.command).toBe(
        `switchyard bench live --config ${configPath} --requests 3 --mix plain --json`,
      );
      expect(report.run).toMatchObject({ sent: 3, ok: 3 });
      expect(report.targets).toEqual([expect.objectContaining({ target: 'tiny-local', answered: 3 })]);
    });

    it('turns a bad --mix into a usage error naming the accepted kinds', async () => {
      const cli = harness({ loadLiveBench: loadSources });
      const failure = cli.run(['bench', 'live', '--config', configPath, '--mix', 'video']);
      await expect(failure).rejects.toBeInstanceOf(UsageError);
      await expect(failure).rejects.toThrow(/--mix: unknown kind 'video'; accepted: plain/);
    });
  },
);
