import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticRows, writeSyntheticRows } from '../quality/__fixtures__/synthetic-rows.js';
import { runQualityBench } from '../quality/run-quality-bench.js';
import { runTune, type TuneResult } from './run-tune.js';
import { parseTuneGoal } from './tune-goal.js';
import { writeTuneOutputs } from './write-tune-outputs.js';

let folder: string;
let dataPath: string;
let result: TuneResult;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'switchyard-tune-'));
  dataPath = join(folder, 'rows.jsonl');
  writeSyntheticRows(dataPath, syntheticRows(240, { noise: 0.03 }));
  result = await runTune({ dataPath, goal: parseTuneGoal('strong-share<=0.5'), folds: 4 });
});
afterAll(async () => {
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

describe('runTune on separable data', () => {
  it('picks the learned scorer and meets the goal on held-out folds', () => {
    expect(result.chosen).toBe('learned-scorer');
    expect(result.scorer.crossValidated.share).toBeLessThanOrEqual(0.55);
    expect(result.scorer.crossValidated.pgr).toBeGreaterThan(0.8);
    expect(result.scorer.crossValidated.pgr).toBeGreaterThan((result.tiering.crossValidated.pgr ?? 0) + 0.2);
    expect(result.scorer.folds).toHaveLength(4);
    for (const source of result.scorer.sources) expect(source.apgr).toBeGreaterThan(0.6);
  });

  it('reports the training fit apart from the estimate', () => {
    expect(result.scorer.trainingFit.pgr).not.toBeNull();
    expect(result.scorer.sources[0]?.trainingFitApgr).toBeGreaterThanOrEqual(
      (result.scorer.sources[0]?.apgr ?? 1) - 0.05,
    );
  });

  it('writes a config, beside its weights, that the quality bench scores', async () => {
    const configPath = join(folder, 'out', 'tuned.config.yaml');
    const files = writeTuneOutputs(result, {
      config: configPath,
      reportDirectory: join(folder, 'reports'),
      command: 'switchyard bench tune',
    });
    expect(files.weights).toBe(join(folder, 'out', 'scorer', 'difficulty-scorer.json'));
    const text = await readFile(configPath, 'utf8');
    expect(text).toContain('weightsPath: scorer/difficulty-scorer.json');
    expect(text).toContain(`threshold: ${result.scorer.chosen.threshold}`);
    expect(await readFile(files.report as string, 'utf8')).toContain('## Cross-validated estimate');
    const report = await runQualityBench({ dataPath, configPath });
    const pipeline = report.overall.routers.find((router) => router.name === 'pipeline');
    expect(report.config.policies.at(-1)).toBe('learned-scorer');
    expect(pipeline?.apgr).toBeGreaterThan(0.7);
    expect(pipeline?.threshold).toBe(result.scorer.chosen.threshold);
    expect(pipeline?.strongShare).toBeLessThanOrEqual(0.55);
  });

  it('says when there are too few rows', async () => {
    const small = join(folder, 'small.jsonl');
    writeSyntheticRows(small, syntheticRows(6));
    await expect(runTune({ dataPath: small, goal: parseTuneGoal('quality>=0.9'), folds: 5 })).rejects.toThrow(
      'too few for 5-fold cross-validation',
    );
  });
});
