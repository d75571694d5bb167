import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticRows, writeSyntheticRows } from '../../../bench/src/quality/__fixtures__/synthetic-rows.js';
import { benchCommand, type QualityBenchModule } from './bench-command.js';
import type { CliIo } from './cli-io.js';
import { UsageError } from './usage-error.js';

const routeLlmFixtures = fileURLToPath(
  new URL('../../../bench/src/quality/routellm/__fixtures__/routellm', import.meta.url),
);
const loadBench = async () => (await import('../../../bench/src/index.js')) as unknown as QualityBenchModule;

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'switchyard-bench-cli-'));
  writeSyntheticRows(join(folder, 'rows.jsonl'), syntheticRows(160));
});
afterAll(async () => {
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

async function runBench(args: readonly string[], load: () => Promise<QualityBenchModule> = loadBench) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  let exitCode: number | undefined;
  const io: CliIo = {
    stdin: (async function* () {})(),
    stdout: { write: (text: string) => stdout.push(text) },
    stderr: { write: (text: string) => stderr.push(text) },
    env: {},
    cwd: folder,
  };
  const program = new Command('switchyard').exitOverride();
  program.addCommand(benchCommand({ io, setExitCode: (code) => (exitCode = code), loadBench: load }));
  let error: unknown;
  try {
    await program.parseAsync(['bench', ...args], { from: 'user' });
  } catch (caught) {
    error = caught;
  }
  return { stdout: stdout.join(''), stderr: stderr.join(''), exitCode, error };
}

describe('switchyard bench', () => {
  it('quality --json prints the report with its fields per router and per source', async () => {
    const result = await runBench(['quality', '--data', 'rows.jsonl', '--json', '--out', 'quality']);
    expect(result.error).toBeUndefined();
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout);
    for (const group of [json.overall, ...Object.values(json.sources)] as {
      routers: Record<string, object>;
    }[]) {
      for (const name of ['pipeline', 'all-weak', 'all-strong', 'random', 'oracle']) {
        expect(Object.keys(group.routers[name] ?? {})).toEqual(
          expect.arrayContaining([
            'apgr',
            'cpt50',
            'cpt80',
            'cpt95',
            'strongShare',
            'quality',
            'costUsd',
            'savingsPct',
          ]),
        );
      }
    }
    expect(result.stderr).toContain('Report: quality/report.md');
  });

  it('tune writes a config that quality then scores, sweeping its learned scorer', async () => {
    const tune = await runBench([
      'tune',
      '--data',
      'rows.jsonl',
      '--goal',
      'strong-share<=0.5',
      '--folds',
      '3',
      '--out',
      'tuned.yaml',
    ]);
    expect(tune.error).toBeUndefined();
    expect(tune.stdout).toMatch(/Chosen: learned-scorer/);
    expect(tune.stdout).toContain('Wrote tuned.yaml, scorer/difficulty-scorer.json');
    expect(await readFile(join(folder, 'tuned.yaml'), 'utf8')).toContain(
      "switchyard bench tune --data rows.jsonl --goal 'strong-share<=0.5' --folds 3 --out tuned.yaml",
    );
    const quality = await runBench([
      'quality',
      '--data',
      'rows.jsonl',
      '--config',
      'tuned.yaml',
      '--out',
      'tuned',
    ]);
    expect(quality.stdout).toMatch(/policies: .*tiering, learned-scorer/);
  });

  it('import-routellm converts RouteLLM eval files', async () => {
    const result = await runBench(['import-routellm', routeLlmFixtures, '--out', 'routellm.jsonl']);
    expect(result.error).toBeUndefined();
    expect(result.stdout).toMatch(/^Wrote 9 rows to routellm\.jsonl\n {2}routellm\/gsm8k: 3 rows/);
    expect(result.stdout).toMatch(/Not read \(unsupported formats\):\n {2}mt_bench\/cache\.npy/);
    expect((await readFile(join(folder, 'routellm.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(9);
  });

  it.each([
    [['tune', '--data', 'rows.jsonl', '--goal', 'cheap', '--out', 'x.yaml'], /--goal "cheap": not a goal/],
    [['quality', '--data', 'missing.jsonl'], /data file not found: .*missing\.jsonl/],
  ])('reports bad input as a usage error: %j', async (args, message) => {
    const result = await runBench(args);
    expect(result.error).toBeInstanceOf(UsageError);
    expect((result.error as Error).message).toMatch(message);
  });

  it.each([
    [['quality'], "required option '--data <file>' not specified"],
    [['tune', '--data', 'rows.jsonl', '--out', 'x.yaml', '--folds', '1'], 'must be an integer ≥ 2'],
  ])('rejects a bad command line: %j', async (args, message) => {
    const result = await runBench(args);
    expect(result.error).toBeInstanceOf(CommanderError);
    expect(result.stderr).toContain(message);
  });

  it('says the bench must come from a repository checkout when it cannot be loaded', async () => {
    const result = await runBench(['quality', '--data', 'rows.jsonl'], async () => {
      throw new UsageError('switchyard bench needs @switchyard/bench');
    });
    expect((result.error as Error).message).toContain('needs @switchyard/bench');
  });
});
