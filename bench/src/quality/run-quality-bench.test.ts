import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticRows, writeSyntheticRows } from './__fixtures__/synthetic-rows.js';
import { benchConfigText, defaultBenchConfig, defaultBenchPolicies } from './bench-config-text.js';
import { resolveBenchPricing } from './bench-pricing.js';
import { formatQualityMarkdown } from './format-quality-markdown.js';
import { formatQualityTable } from './format-quality-table.js';
import type { QualityReport } from './quality-report.js';
import { qualityReportJson } from './quality-report-json.js';
import { renderQualityChart } from './render-quality-chart.js';
import { runQualityBench } from './run-quality-bench.js';
import { writeQualityOutputs } from './write-quality-outputs.js';

let folder: string;
let dataPath: string;
let report: QualityReport;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'switchyard-quality-'));
  dataPath = join(folder, 'rows.jsonl');
  const rows = syntheticRows(120);
  // One row without a score for the weak model: skipped and counted.
  rows.push({ ...(rows[0] as (typeof rows)[number]), id: 'unscored', scores: { 'frontier-cloud-model': 1 } });
  writeSyntheticRows(dataPath, rows);
  report = await runQualityBench({ dataPath });
});
afterAll(async () => {
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

describe('runQualityBench', () => {
  it('counts what it read, skipped and estimated', () => {
    expect(report.data).toMatchObject({
      rows: 121,
      used: 120,
      skipped: 1,
      noRoute: 0,
      outputTokensEstimated: 0,
    });
    expect(report.data.skippedBySource).toEqual({ 'synthetic/exact': 1 });
    expect(report.config).toEqual({ path: null, policies: expect.arrayContaining(['tiering']) });
  });

  it('scores every router on all sources and per source, and the baselines as defined', () => {
    expect(report.sources.map((group) => group.label).sort()).toEqual([
      'synthetic/exact',
      'synthetic/judged',
    ]);
    expect(report.categories.map((group) => group.label)).toContain('synthetic/exact · advanced');
    const routers = new Map(report.overall.routers.map((router) => [router.name, router]));
    expect([...routers.keys()]).toEqual(['pipeline', 'all-weak', 'all-strong', 'random', 'oracle']);
    expect(routers.get('all-weak')).toMatchObject({
      strongShare: 0,
      pgr: 0,
      apgr: null,
      savingsPct: expect.any(Number),
    });
    expect(routers.get('all-strong')).toMatchObject({ strongShare: 1, pgr: 1, savingsPct: 0 });
    const oracle = routers.get('oracle');
    expect(oracle?.pgr).toBeGreaterThanOrEqual(1);
    expect(oracle?.apgr).toBeGreaterThan(0.7);
    expect(routers.get('random')?.apgr).toBeGreaterThan(0.4);
    expect(routers.get('random')?.apgr).toBeLessThan(0.6);
  });

  it('prices weak calls as the local target (GPU time) and strong ones as the baseline', () => {
    const allWeak = report.overall.routers.find((router) => router.name === 'all-weak');
    expect(allWeak?.costUsd).toBeGreaterThan(0);
    expect(report.pricing).toMatchObject({
      weak: { label: 'local-mixtral-8x7b-q4', price: { type: 'gpu-hourly' } },
      strong: { label: 'openai-gpt-4o', price: { type: 'per-token', inputPerMillionUsd: 2.5 } },
      costsKnown: true,
    });
  });

  it('has every --json field per router and per source', () => {
    const json = JSON.parse(JSON.stringify(qualityReportJson(report)));
    const fields = ['apgr', 'cpt50', 'cpt80', 'cpt95', 'strongShare', 'quality', 'costUsd', 'savingsPct'];
    for (const group of [json.overall, ...Object.values(json.sources)] as {
      routers: Record<string, object>;
    }[]) {
      for (const router of Object.values(group.routers))
        for (const field of fields) expect(router).toHaveProperty(field);
    }
    expect(json.overall.routers.oracle.curve.length).toBe(101);
  });

  it('writes the table, Markdown, JSON, SVG and PNG', async () => {
    expect(formatQualityTable(report)).toMatch(/^all sources — 120 rows, normalised 0–1/m);
    expect(formatQualityMarkdown(report, { chart: 'curve.png' })).toContain(
      '![Quality against cost](curve.png)',
    );
    const svg = renderQualityChart(report);
    expect(svg).toContain('chosen: ');
    expect(svg).toContain('synthetic/judged');
    const files = writeQualityOutputs(report, join(folder, 'out'));
    const png = await readFile(files.png);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(2000);
    expect(JSON.parse(await readFile(files.json, 'utf8')).overall.rows).toBe(120);
  });

  it('judges rows on another pair when asked, and says when no row has it', async () => {
    await expect(runQualityBench({ dataPath, weakModel: 'missing-model' })).rejects.toThrow(
      /no row of .* has scores for the pair missing-model/,
    );
  });
});

describe('runQualityBench with a learned scorer in the config', () => {
  it('sweeps the scorer’s cut-off for the pipeline curve and marks its operating point', async () => {
    const tuned = await import('../tune/run-tune.js');
    const { parseTuneGoal } = await import('../tune/tune-goal.js');
    const { writeTuneOutputs } = await import('../tune/write-tune-outputs.js');
    const result = await tuned.runTune({ dataPath, goal: parseTuneGoal('strong-share<=0.5'), folds: 3 });
    const configPath = join(folder, 'scored', 'tuned.yaml');
    writeTuneOutputs(result, { config: configPath });
    const scored = await runQualityBench({
      dataPath,
      configPath,
      scorerPaths: [join(folder, 'scored', 'scorer', 'difficulty-scorer.json')],
    });
    const pipeline = scored.overall.routers.find((router) => router.name === 'pipeline');
    expect(pipeline?.curve.length).toBeGreaterThan(10);
    expect(pipeline?.strongShare).toBeLessThanOrEqual(0.55);
    const alone = scored.overall.routers.find((router) => router.name === 'scorer:difficulty-scorer.json');
    expect(alone?.apgr).toBeCloseTo(pipeline?.apgr as number, 6);
  });
});

describe('resolveBenchPricing', () => {
  it.each([
    { name: 'the metering baseline by default', choice: {}, strong: 'openai-gpt-4o' },
    {
      name: '--strong-target',
      choice: { strongTarget: 'local-mixtral-8x7b-q4' },
      strong: 'local-mixtral-8x7b-q4',
    },
  ])('prices strong calls as $name', ({ choice, strong }) => {
    expect(resolveBenchPricing(defaultBenchConfig(), choice).strong.label).toBe(strong);
  });

  it('names the known targets for an unknown id', () => {
    expect(() => resolveBenchPricing(defaultBenchConfig(), { weakTarget: 'nope' })).toThrow(
      '--weak-target nope: no such target in the config (targets: local-mixtral-8x7b-q4, openai-gpt-4o)',
    );
  });

  it('falls back to gpt-4o list prices when the config has no baseline', async () => {
    const path = join(folder, 'no-baseline.yaml');
    const text = benchConfigText({ header: '#', policies: defaultBenchPolicies }).replace(
      /metering:\n {2}baselineTarget: openai-gpt-4o\n/,
      '',
    );
    await writeFile(path, text.replace('model: gpt-4o', 'model: gpt-4o-2024-08-06'));
    const { loadConfigFile } = await import('@switchyard/core');
    expect(resolveBenchPricing(await loadConfigFile(path, { env: {} })).strong.label).toBe(
      'gpt-4o list price (default)',
    );
  });
});
