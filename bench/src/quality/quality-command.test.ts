import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataDirectory } from '../shared-data.js';
import { routeLlmBestApgr } from '../tune/route-llm-published.js';
import { syntheticRows, writeSyntheticRows } from './__fixtures__/synthetic-rows.js';
import type { BenchCommandIo } from './bench-command-io.js';
import { runQualityCommand } from './quality-command.js';

const shared = sharedDataDirectory();
const trainFile = 'data/routing/train.jsonl';
const tunedConfig = fileURLToPath(new URL('../../tuned.config.yaml', import.meta.url));

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'switchyard-quality-command-'));
});
afterAll(async () => {
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

function io(): BenchCommandIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    cwd: folder,
    command: 'switchyard bench quality',
    usageError: (message) => new Error(`usage: ${message}`),
    progress: false,
  };
}

describe('runQualityCommand', () => {
  it('prints a table and writes the report files', async () => {
    const data = join(folder, 'rows.jsonl');
    writeSyntheticRows(data, syntheticRows(40));
    const streams = io();
    expect(await runQualityCommand({ data: 'rows.jsonl', out: 'report' }, streams)).toBe(0);
    expect(streams.out.join('')).toMatch(/pipeline .*\n[\s\S]*Report: report\/report\.md/);
    expect(await readFile(join(folder, 'report', 'curve.svg'), 'utf8')).toMatch(/^<svg /);
  });

  it('turns a missing data file into a usage error naming where data comes from', async () => {
    await expect(runQualityCommand({ data: 'nope.jsonl' }, io())).rejects.toThrow(
      /^usage: data file not found: .*nope\.jsonl/,
    );
  });

  it.skipIf(!hasSharedData(shared, [trainFile]))(
    'scores the committed tuned config on train.jsonl (../shared) with every --json field',
    async () => {
      const streams = io();
      await runQualityCommand(
        { data: join(shared, trainFile), config: tunedConfig, json: true, out: join(folder, 'train') },
        streams,
      );
      const json = JSON.parse(streams.out.join(''));
      expect(json.data.used).toBeGreaterThan(9000);
      const fields = ['apgr', 'cpt50', 'cpt80', 'cpt95', 'strongShare', 'quality', 'costUsd', 'savingsPct'];
      for (const source of Object.keys(routeLlmBestApgr)) {
        const pipeline = json.sources[source].routers.pipeline;
        for (const field of fields) expect(pipeline).toHaveProperty(field);
        // In-sample (the scorer trained on these rows), so only a sanity check against random.
        expect(pipeline.apgr).toBeGreaterThan(json.sources[source].routers.random.apgr + 0.05);
      }
      expect(json.config.policies.at(-1)).toBe('learned-scorer');
    },
  );
});
