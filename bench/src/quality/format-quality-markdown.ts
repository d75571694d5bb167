import { formatFixed, formatShare } from './format-metric.js';
import { describePrice } from './format-quality-table.js';
import type { GroupReport, QualityReport } from './quality-report.js';
import { groupHeading, routerColumns, routerRows } from './router-rows.js';

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map((_, index) => (index === 0 ? '---' : '---:'))), ...rows.map(line)];
}

function routerTable(group: GroupReport): string[] {
  return table(routerColumns, routerRows(group));
}

/**
 * The Markdown report of a quality-bench run: what was read and how it was priced, the chart, a
 * router table for all sources and per source, and a per-category table of the pipeline against
 * the oracle.
 *
 * @example
 * writeFileSync('report.md', formatQualityMarkdown(report, { chart: 'curve.png' }));
 */
export function formatQualityMarkdown(
  report: QualityReport,
  options: { readonly chart?: string } = {},
): string {
  const { data } = report;
  const lines: string[] = ['# Quality bench report', ''];
  lines.push(
    `- Data: \`${data.path}\` — ${data.rows} rows, ${data.used} scored` +
      (data.skipped > 0
        ? `; ${data.skipped} skipped because their weak/strong pair lacks a score (${Object.entries(
            data.skippedBySource,
          )
            .map(([source, count]) => `${source}: ${count}`)
            .join(', ')})`
        : '') +
      (data.noRoute > 0 ? `; ${data.noRoute} with no route (e.g. ${data.noRouteExample ?? '?'})` : ''),
  );
  if (report.pair.weakModel !== null || report.pair.strongModel !== null) {
    lines.push(
      `- Pair: weak \`${report.pair.weakModel ?? "each row's weak_model"}\`, strong \`${report.pair.strongModel ?? "each row's strong_model"}\``,
    );
  }
  lines.push(
    `- Config: \`${report.config.path ?? 'built-in bench config'}\` — policies: ${report.config.policies.join(', ')}`,
  );
  lines.push(
    `- Weak (local) calls priced as \`${report.pricing.weak.label}\`: ${describePrice(report.pricing.weak.price)}`,
  );
  lines.push(
    `- Strong (cloud) calls priced as \`${report.pricing.strong.label}\`: ${describePrice(report.pricing.strong.price)}`,
  );
  lines.push(
    `- Tokens: prompt tokens from the file (counted with cl100k for ${data.promptTokensCounted} rows); ` +
      `answer tokens from the file where given, else the source's mean for that model, else the profiler's estimate (${data.outputTokensEstimated} answers estimated).`,
  );
  lines.push(
    '- A row is "strong" when the decision\'s primary target is cloud, "weak" when it is local. Scores are in each source\'s native unit; the all-sources table normalises them to 0–1 (0/1 as is, 1–10 judge scores as (s − 1) / 9).',
  );
  lines.push(
    '- PGR = (quality − weak) / (strong − weak). APGR = area under PGR over strong share 0–1 (trapezoid rule, the curve closed by the all-weak and all-strong ends; random ≈ 0.5). CPTx = smallest strong share reaching PGR ≥ x %. Savings are against all-strong.',
  );
  if (options.chart !== undefined) lines.push('', `![Quality against cost](${options.chart})`);
  lines.push('', '## All sources', '', groupHeading(report.overall), '', ...routerTable(report.overall));
  for (const group of report.sources) {
    lines.push('', `## ${group.label}`, '', groupHeading(group), '', ...routerTable(group));
  }
  lines.push('', '## Per category', '');
  const categoryRows = report.categories.map((group) => {
    const pipeline = group.routers.find((router) => router.name === 'pipeline');
    const oracle = group.routers.find((router) => router.name === 'oracle');
    const wide = Math.max(Math.abs(group.weakQuality), Math.abs(group.strongQuality)) > 1.5;
    const digits = wide ? 2 : 3;
    return [
      group.label,
      String(group.rows),
      formatFixed(group.weakQuality, digits),
      formatFixed(group.strongQuality, digits),
      formatShare(pipeline?.strongShare),
      formatFixed(pipeline?.quality, digits),
      formatFixed(pipeline?.pgr, 3),
      formatFixed(pipeline?.apgr, 3),
      formatShare(oracle?.strongShare),
    ];
  });
  lines.push(
    ...table(
      [
        'category',
        'rows',
        'weak',
        'strong',
        'pipeline strong',
        'pipeline quality',
        'PGR',
        'APGR',
        'oracle strong',
      ],
      categoryRows,
    ),
  );
  return `${lines.join('\n')}\n`;
}
