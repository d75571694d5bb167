import { formatFixed, formatPercent, formatShare, formatUsd } from './format-metric.js';
import type { GroupReport } from './quality-report.js';

/** Column headings of a router table. */
export const routerColumns = [
  'router',
  'strong',
  'quality',
  'PGR',
  'APGR',
  'CPT50',
  'CPT80',
  'CPT95',
  'cost',
  'savings',
] as const;

/**
 * One line of cells per router of a group, formatted for a table. Quality gets three decimals on a
 * 0–1 scale and two on wider scales (a 1–10 judge).
 *
 * @example
 * const cells = routerRows(report.overall); // [['pipeline', '42.0%', '0.781', …], …]
 */
export function routerRows(group: GroupReport): string[][] {
  const wide = Math.max(Math.abs(group.weakQuality), Math.abs(group.strongQuality)) > 1.5;
  return group.routers.map((router) => [
    router.name,
    formatShare(router.strongShare),
    formatFixed(router.quality, wide ? 2 : 3),
    formatFixed(router.pgr, 3),
    formatFixed(router.apgr, 3),
    formatShare(router.cpt50),
    formatShare(router.cpt80),
    formatShare(router.cpt95),
    formatUsd(router.costUsd),
    formatPercent(router.savingsPct),
  ]);
}

/**
 * The heading line of a group: its rows, score type, and the two models' mean scores.
 *
 * @example
 * groupHeading(report.sources[0]); // 'routellm/gsm8k — 769 rows, binary_correct; weak … 0.650, strong … 0.866'
 */
export function groupHeading(group: GroupReport): string {
  const wide = Math.max(Math.abs(group.weakQuality), Math.abs(group.strongQuality)) > 1.5;
  const digits = wide ? 2 : 3;
  const models = (list: readonly string[]) =>
    list.length === 1 ? (list[0] as string) : `${list.length} models`;
  return (
    `${group.label} — ${group.rows} rows, ${group.scoreType}; ` +
    `weak ${models(group.weakModels)} ${formatFixed(group.weakQuality, digits)}, ` +
    `strong ${models(group.strongModels)} ${formatFixed(group.strongQuality, digits)}`
  );
}
