import type { TargetPrice } from '@switchyard/core';
import type { QualityReport } from './quality-report.js';
import { groupHeading, routerColumns, routerRows } from './router-rows.js';

/**
 * Aligns cells into columns: the first column left-aligned, the rest right-aligned.
 *
 * @example
 * alignColumns([['a', '1'], ['bb', '22']]); // ['a    1', 'bb  22']
 */
export function alignColumns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, index) =>
        index === 0 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0),
      )
      .join('  ')
      .trimEnd(),
  );
}

/**
 * A price in words: `$2.50 / $10 per 1M tokens` or `$0.90/h GPU at 55 tok/s`.
 *
 * @example
 * describePrice({ type: 'per-token', inputPerMillionUsd: 2.5, outputPerMillionUsd: 10 }); // '$2.5 in / $10 out per 1M tokens'
 */
export function describePrice(price: TargetPrice | null): string {
  if (price === null) return 'no price';
  if (price.type === 'per-token') {
    return `$${price.inputPerMillionUsd} in / $${price.outputPerMillionUsd} out per 1M tokens`;
  }
  return `$${price.gpuHourlyUsd}/h GPU at ${price.expectedOutputTokensPerSecond ?? 30} tok/s out, ${price.expectedPromptTokensPerSecond ?? 1000} tok/s prompt`;
}

/**
 * The terminal summary of a quality-bench run: what was read, how calls were priced, and one
 * router table for all sources (scores normalised to 0–1) and one per source (native units).
 *
 * @example
 * process.stdout.write(formatQualityTable(report));
 */
export function formatQualityTable(report: QualityReport): string {
  const { data } = report;
  const lines: string[] = [];
  lines.push(
    `Quality bench: ${data.used} of ${data.rows} rows from ${data.path}` +
      (data.skipped > 0 ? ` (${data.skipped} skipped: their pair lacks a score)` : '') +
      (data.noRoute > 0 ? ` (${data.noRoute} with no route)` : ''),
  );
  lines.push(
    `Config: ${report.config.path ?? 'built-in bench config'} — policies: ${report.config.policies.join(', ')}`,
  );
  lines.push(
    `Weak calls priced as ${report.pricing.weak.label}: ${describePrice(report.pricing.weak.price)}`,
  );
  lines.push(
    `Strong calls priced as ${report.pricing.strong.label}: ${describePrice(report.pricing.strong.price)}`,
  );
  lines.push(
    'strong = share sent to the strong model; PGR = (quality − weak) / (strong − weak); APGR = area under PGR over strong share; CPTx = smallest strong share with PGR ≥ x%',
  );
  for (const group of [report.overall, ...report.sources]) {
    lines.push('', groupHeading(group));
    lines.push(...alignColumns([[...routerColumns], ...routerRows(group)]).map((line) => `  ${line}`));
  }
  return `${lines.join('\n')}\n`;
}
