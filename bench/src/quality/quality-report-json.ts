import { type CurvePoint, pointAtShare } from './quality-curve.js';
import type { GroupReport, QualityReport } from './quality-report.js';
import type { RouterResult } from './router-result.js';

/** Curve points kept per router in JSON (an even grid over strong share). */
const CURVE_POINTS = 101;

type RouterJson = {
  description: string;
  strongShare: number;
  quality: number;
  pgr: number | null;
  costUsd: number | null;
  savingsPct: number | null;
  apgr: number | null;
  cpt50: number | null;
  cpt80: number | null;
  cpt95: number | null;
  threshold?: number;
  curve?: { share: number; quality: number; pgr: number | null; costUsd: number | null }[];
};

function round(value: number | null, digits = 6): number | null {
  return value === null ? null : Number(value.toFixed(digits));
}

/**
 * A curve resampled on an even strong-share grid, for JSON and charts (a swept curve has a point
 * per distinct score, thousands on a big file).
 *
 * @example
 * resampleCurve(router.curve, 101).length; // 101, or fewer for a single operating point
 */
export function resampleCurve(curve: readonly CurvePoint[], count: number): CurvePoint[] {
  if (curve.length <= 2) return [...curve];
  const shares = curve.map((point) => point.share);
  const low = Math.min(...shares);
  const high = Math.max(...shares);
  if (high === low) return [curve[0] as CurvePoint];
  return Array.from({ length: count }, (_, index) =>
    pointAtShare(curve, low + ((high - low) * index) / (count - 1)),
  );
}

function routerJson(router: RouterResult, withCurve: boolean, costsKnown: boolean): RouterJson {
  return {
    description: router.description,
    strongShare: round(router.strongShare) as number,
    quality: round(router.quality) as number,
    pgr: round(router.pgr),
    costUsd: round(router.costUsd),
    savingsPct: round(router.savingsPct, 3),
    apgr: round(router.apgr),
    cpt50: round(router.cpt50),
    cpt80: round(router.cpt80),
    cpt95: round(router.cpt95),
    ...(router.threshold === undefined ? {} : { threshold: router.threshold }),
    ...(withCurve && router.apgr !== null
      ? {
          curve: resampleCurve(router.curve, CURVE_POINTS).map((point) => ({
            share: round(point.share) as number,
            quality: round(point.quality) as number,
            pgr: round(point.pgr),
            costUsd: costsKnown ? round(point.costUsd) : null,
          })),
        }
      : {}),
  };
}

function groupJson(group: GroupReport, withCurves: boolean, costsKnown: boolean) {
  return {
    rows: group.rows,
    scoreType: group.scoreType,
    weakModels: group.weakModels,
    strongModels: group.strongModels,
    weakQuality: round(group.weakQuality),
    strongQuality: round(group.strongQuality),
    routers: Object.fromEntries(
      group.routers.map((router) => [router.name, routerJson(router, withCurves, costsKnown)]),
    ),
  };
}

/**
 * The report as plain JSON: per router (in `overall.routers`, `sources[name].routers` and
 * `categories[i].routers`) the fields `strongShare`, `quality`, `pgr`, `costUsd`, `savingsPct`,
 * `apgr`, `cpt50`, `cpt80`, `cpt95`; curves (101 points) for all sources and per source.
 *
 * @example
 * JSON.parse(JSON.stringify(qualityReportJson(report))).sources['routellm/gsm8k'].routers.pipeline.apgr;
 */
export function qualityReportJson(report: QualityReport) {
  const costsKnown = report.pricing.costsKnown;
  return {
    data: report.data,
    config: report.config,
    pair: report.pair,
    pricing: report.pricing,
    overall: groupJson(report.overall, true, costsKnown),
    sources: Object.fromEntries(
      report.sources.map((group) => [group.label, groupJson(group, true, costsKnown)]),
    ),
    categories: report.categories.map((group) => ({
      source: group.source,
      category: group.category,
      ...groupJson(group, false, costsKnown),
    })),
  };
}
