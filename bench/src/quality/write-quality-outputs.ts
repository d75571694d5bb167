import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatQualityMarkdown } from './format-quality-markdown.js';
import type { QualityReport } from './quality-report.js';
import { qualityReportJson } from './quality-report-json.js';
import { renderPng } from './render-png.js';
import { renderQualityChart } from './render-quality-chart.js';

/** Paths of the files a quality-bench run wrote. */
export type QualityOutputFiles = {
  readonly markdown: string;
  readonly json: string;
  readonly svg: string;
  readonly png: string;
};

/**
 * Writes a run's report into a folder: `report.md`, `report.json`, and the chart as `curve.svg`
 * and `curve.png` (rendered with resvg).
 *
 * @example
 * const files = writeQualityOutputs(report, 'bench/out/quality');
 */
export function writeQualityOutputs(report: QualityReport, directory: string): QualityOutputFiles {
  const folder = resolve(directory);
  mkdirSync(folder, { recursive: true });
  const files: QualityOutputFiles = {
    markdown: join(folder, 'report.md'),
    json: join(folder, 'report.json'),
    svg: join(folder, 'curve.svg'),
    png: join(folder, 'curve.png'),
  };
  const svg = renderQualityChart(report);
  writeFileSync(files.svg, svg);
  writeFileSync(files.png, renderPng(svg, 2000));
  writeFileSync(files.json, `${JSON.stringify(qualityReportJson(report), null, 2)}\n`);
  writeFileSync(files.markdown, formatQualityMarkdown(report, { chart: 'curve.png' }));
  return files;
}
