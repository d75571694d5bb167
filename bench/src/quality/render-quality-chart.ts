import { formatFixed, formatUsd } from './format-metric.js';
import type { CurvePoint } from './quality-curve.js';
import type { GroupReport, QualityReport } from './quality-report.js';
import { resampleCurve } from './quality-report-json.js';
import type { RouterResult } from './router-result.js';

const PANEL_WIDTH = 420;
const PANEL_HEIGHT = 320;
const MARGIN = { left: 62, right: 20, top: 54, bottom: 48 };
const PAGE_PADDING = 24;
const LEGEND_HEIGHT = 56;
const HEADER_HEIGHT = 58;
const FONT = 'font-family="\'DejaVu Sans\', Verdana, sans-serif"';

const colors = {
  pipeline: '#1565c0',
  random: '#9e9e9e',
  oracle: '#424242',
  weak: '#2e7d32',
  strong: '#c62828',
  grid: '#e6e6e6',
  axis: '#616161',
  text: '#212121',
  muted: '#757575',
};
const scorerColors = ['#ef6c00', '#6a1b9a', '#00838f', '#ad1457'];

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Round tick steps (1, 2, 2.5, 5 × 10^k) covering a range with about `count` ticks. */
function ticks(low: number, high: number, count: number): number[] {
  const span = high - low || 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * power >= raw) ?? 10) * power;
  const first = Math.ceil(low / step - 1e-9) * step;
  const values: number[] = [];
  for (let value = first; value <= high + step * 1e-9; value += step)
    values.push(Number(value.toPrecision(12)));
  return values;
}

type Scale = { x: (value: number) => number; y: (value: number) => number };

function polyline(points: readonly { x: number; y: number }[], scale: Scale, style: string): string {
  if (points.length < 2) return '';
  const path = points
    .map((point) => `${scale.x(point.x).toFixed(1)},${scale.y(point.y).toFixed(1)}`)
    .join(' ');
  return `<polyline points="${path}" fill="none" ${style}/>`;
}

function routerByName(group: GroupReport, name: string): RouterResult | undefined {
  return group.routers.find((router) => router.name === name);
}

function panel(group: GroupReport, costsKnown: boolean, originX: number, originY: number): string {
  const allStrong = routerByName(group, 'all-strong');
  const allWeak = routerByName(group, 'all-weak');
  const pipeline = routerByName(group, 'pipeline');
  const oracle = routerByName(group, 'oracle');
  const random = routerByName(group, 'random');
  const scorers = group.routers.filter((router) => router.name.startsWith('scorer:'));
  const strongCost = allStrong?.costUsd ?? 0;
  const useCost = costsKnown && strongCost > 0;
  const xOf = (point: Pick<CurvePoint, 'share' | 'costUsd'>) =>
    useCost ? (point.costUsd / strongCost) * 100 : point.share * 100;

  const curveOf = (router: RouterResult | undefined) =>
    router === undefined
      ? []
      : resampleCurve(router.curve, 201).map((point) => ({ x: xOf(point), y: point.quality }));
  const series = [
    { router: oracle, color: colors.oracle, style: 'stroke-dasharray="6 4" stroke-width="1.6"' },
    { router: random, color: colors.random, style: 'stroke-width="1.6"' },
    ...scorers.map((router, index) => ({
      router,
      color: scorerColors[index % scorerColors.length] as string,
      style: 'stroke-width="2"',
    })),
    ...(pipeline !== undefined && pipeline.curve.length > 1
      ? [{ router: pipeline, color: colors.pipeline, style: 'stroke-width="2.6"' }]
      : []),
  ].map((entry) => ({ ...entry, points: curveOf(entry.router) }));

  const xs = series.flatMap((entry) => entry.points.map((point) => point.x));
  const ys = [
    ...series.flatMap((entry) => entry.points.map((point) => point.y)),
    group.weakQuality,
    group.strongQuality,
    pipeline?.quality ?? group.weakQuality,
  ];
  const pointXs = [allWeak, allStrong, pipeline]
    .filter((router): router is RouterResult => router !== undefined)
    .map((router) => xOf({ share: router.strongShare, costUsd: router.costUsd ?? 0 }));
  const xHigh = Math.max(100, ...xs, ...pointXs);
  const xLowRaw = Math.min(...xs, ...pointXs);
  const yLowRaw = Math.min(...ys);
  const yHighRaw = Math.max(...ys);
  const yPad = (yHighRaw - yLowRaw || 1) * 0.08;
  const yTicks = ticks(yLowRaw - yPad, yHighRaw + yPad, 5);
  const xStep = (ticks(0, xHigh, 5)[1] ?? 25) - (ticks(0, xHigh, 5)[0] ?? 0);
  const xLow = Math.max(0, Math.floor((xLowRaw - xStep * 0.3) / xStep) * xStep);
  const xTicks = ticks(xLow, xHigh, 5);
  const yLow = Math.min(yLowRaw - yPad, yTicks[0] ?? yLowRaw);
  const yHigh = Math.max(yHighRaw + yPad, yTicks[yTicks.length - 1] ?? yHighRaw);
  const xMax = Math.max(xHigh, xTicks[xTicks.length - 1] ?? xHigh);
  const plotWidth = PANEL_WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
  const left = originX + MARGIN.left;
  const top = originY + MARGIN.top;
  const scale: Scale = {
    x: (value) => left + ((value - xLow) / (xMax - xLow)) * plotWidth,
    y: (value) => top + plotHeight - ((value - yLow) / (yHigh - yLow)) * plotHeight,
  };
  const wide = Math.max(Math.abs(group.weakQuality), Math.abs(group.strongQuality)) > 1.5;
  const parts: string[] = [];
  parts.push(
    `<text x="${originX + MARGIN.left}" y="${originY + 22}" ${FONT} font-size="15" font-weight="bold" fill="${colors.text}">${escapeXml(group.label)}</text>`,
  );
  const shortName = (name: string) => {
    const short = name.replace(/^scorer:/, '').replace(/\.json$/, '');
    return short.length > 14 ? `${short.slice(0, 13)}…` : short;
  };
  const entries = [pipeline, ...scorers, random, oracle]
    .filter((router): router is RouterResult => router !== undefined && router.apgr !== null)
    .map((router) => `${shortName(router.name)} ${formatFixed(router.apgr, 2)}`);
  // About 6.3 px per character at 11 px; the line may run into the next panel's left margin.
  const room = Math.floor((PANEL_WIDTH - 12) / 6.3) - `${group.rows} rows · APGR `.length;
  let apgrs = entries.join(' · ');
  let scorerEntries = scorers.length;
  while (apgrs.length > room && entries.length > 1) {
    // Drop stand-alone scorers first (the legend names them), then from the end.
    entries.splice(scorerEntries > 0 ? scorerEntries-- : entries.length - 1, 1);
    apgrs = `${entries.join(' · ')} …`;
  }
  parts.push(
    `<text x="${originX + MARGIN.left}" y="${originY + 40}" ${FONT} font-size="11" fill="${colors.muted}">${escapeXml(`${group.rows} rows · APGR ${apgrs}`)}</text>`,
  );
  for (const value of yTicks) {
    const y = scale.y(value).toFixed(1);
    parts.push(`<line x1="${left}" x2="${left + plotWidth}" y1="${y}" y2="${y}" stroke="${colors.grid}"/>`);
    parts.push(
      `<text x="${left - 8}" y="${y}" ${FONT} font-size="11" fill="${colors.axis}" text-anchor="end" dominant-baseline="middle">${formatFixed(value, wide ? 1 : 2)}</text>`,
    );
  }
  for (const value of xTicks) {
    const x = scale.x(value).toFixed(1);
    parts.push(`<line x1="${x}" x2="${x}" y1="${top}" y2="${top + plotHeight}" stroke="${colors.grid}"/>`);
    parts.push(
      `<text x="${x}" y="${top + plotHeight + 16}" ${FONT} font-size="11" fill="${colors.axis}" text-anchor="middle">${value}%</text>`,
    );
  }
  parts.push(
    `<rect x="${left}" y="${top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="${colors.axis}" stroke-width="1"/>`,
  );
  const xLabel = useCost
    ? `cost, % of all-strong (${formatUsd(strongCost)})`
    : 'share sent to the strong model';
  parts.push(
    `<text x="${left + plotWidth / 2}" y="${top + plotHeight + 36}" ${FONT} font-size="12" fill="${colors.text}" text-anchor="middle">${escapeXml(xLabel)}</text>`,
  );
  const yLabel =
    group.scoreType === 'normalised 0–1' ? 'quality (normalised)' : `quality (${group.scoreType})`;
  parts.push(
    `<text transform="translate(${originX + 16} ${top + plotHeight / 2}) rotate(-90)" ${FONT} font-size="12" fill="${colors.text}" text-anchor="middle">${escapeXml(yLabel)}</text>`,
  );
  for (const [quality, color, label] of [
    [group.strongQuality, colors.strong, 'strong'],
    [group.weakQuality, colors.weak, 'weak'],
  ] as const) {
    const y = scale.y(quality).toFixed(1);
    parts.push(
      `<line x1="${left}" x2="${left + plotWidth}" y1="${y}" y2="${y}" stroke="${color}" stroke-opacity="0.45" stroke-dasharray="2 3"/>`,
    );
    parts.push(
      `<text x="${left + 4}" y="${Number(y) - 4}" ${FONT} font-size="10" fill="${color}">${label}</text>`,
    );
  }
  for (const entry of series)
    parts.push(polyline(entry.points, scale, `stroke="${entry.color}" ${entry.style}`));
  if (allWeak !== undefined) {
    const x = scale.x(xOf({ share: allWeak.strongShare, costUsd: allWeak.costUsd ?? 0 }));
    const y = scale.y(allWeak.quality);
    parts.push(
      `<rect x="${(x - 5).toFixed(1)}" y="${(y - 5).toFixed(1)}" width="10" height="10" fill="${colors.weak}" stroke="white" stroke-width="1.5"/>`,
    );
  }
  if (allStrong !== undefined) {
    const x = scale.x(xOf({ share: allStrong.strongShare, costUsd: allStrong.costUsd ?? 0 }));
    const y = scale.y(allStrong.quality);
    parts.push(
      `<path d="M ${x.toFixed(1)} ${(y - 7).toFixed(1)} L ${(x + 7).toFixed(1)} ${y.toFixed(1)} L ${x.toFixed(1)} ${(y + 7).toFixed(1)} L ${(x - 7).toFixed(1)} ${y.toFixed(1)} Z" fill="${colors.strong}" stroke="white" stroke-width="1.5"/>`,
    );
  }
  if (oracle !== undefined) {
    const x = scale.x(xOf({ share: oracle.strongShare, costUsd: oracle.costUsd ?? 0 }));
    const y = scale.y(oracle.quality);
    parts.push(
      `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="4" fill="white" stroke="${colors.oracle}" stroke-width="1.8"/>`,
    );
  }
  for (const [index, router] of scorers.entries()) {
    const x = scale.x(xOf({ share: router.strongShare, costUsd: router.costUsd ?? 0 }));
    const y = scale.y(router.quality);
    parts.push(
      `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="5" fill="${scorerColors[index % scorerColors.length]}" stroke="white" stroke-width="1.5"/>`,
    );
  }
  if (pipeline !== undefined) {
    const x = scale.x(xOf({ share: pipeline.strongShare, costUsd: pipeline.costUsd ?? 0 }));
    const y = scale.y(pipeline.quality);
    parts.push(
      `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="7.5" fill="${colors.pipeline}" stroke="white" stroke-width="2.5"/>`,
    );
    const label = `chosen: ${(pipeline.strongShare * 100).toFixed(0)}% strong, PGR ${formatFixed(pipeline.pgr, 2)}`;
    const anchorEnd = x > left + plotWidth * 0.6;
    const below = y < top + plotHeight * 0.55;
    parts.push(
      `<text x="${(anchorEnd ? x - 11 : x + 11).toFixed(1)}" y="${(below ? y + 18 : y - 11).toFixed(1)}" ${FONT} font-size="11" font-weight="bold" fill="${colors.pipeline}" text-anchor="${anchorEnd ? 'end' : 'start'}" stroke="white" stroke-width="3" paint-order="stroke">${escapeXml(label)}</text>`,
    );
  }
  return parts.join('\n');
}

function legend(report: QualityReport, x: number, y: number, vertical: boolean): string {
  const scorers = report.overall.routers.filter((router) => router.name.startsWith('scorer:'));
  const pipelineSwept =
    (report.overall.routers.find((router) => router.name === 'pipeline')?.curve.length ?? 0) > 1;
  const items: { label: string; swatch: string }[] = [
    {
      label: pipelineSwept ? 'pipeline (learned-scorer cut-off swept)' : 'pipeline',
      swatch: `<line x1="0" x2="26" y1="0" y2="0" stroke="${colors.pipeline}" stroke-width="2.6"/><circle cx="13" cy="0" r="5.5" fill="${colors.pipeline}" stroke="white" stroke-width="2"/>`,
    },
    ...scorers.map((router, index) => ({
      label: router.name,
      swatch: `<line x1="0" x2="26" y1="0" y2="0" stroke="${scorerColors[index % scorerColors.length]}" stroke-width="2"/>`,
    })),
    {
      label: 'random',
      swatch: `<line x1="0" x2="26" y1="0" y2="0" stroke="${colors.random}" stroke-width="1.6"/>`,
    },
    {
      label: 'oracle',
      swatch: `<line x1="0" x2="26" y1="0" y2="0" stroke="${colors.oracle}" stroke-width="1.6" stroke-dasharray="6 4"/><circle cx="13" cy="0" r="3.5" fill="white" stroke="${colors.oracle}" stroke-width="1.6"/>`,
    },
    {
      label: 'all-weak',
      swatch: `<rect x="8" y="-5" width="10" height="10" fill="${colors.weak}"/>`,
    },
    {
      label: 'all-strong',
      swatch: `<path d="M 13 -7 L 20 0 L 13 7 L 6 0 Z" fill="${colors.strong}"/>`,
    },
  ];
  if (vertical) {
    const lines = items.map(
      (item, index) =>
        `<g transform="translate(${x} ${y + index * 26})">${item.swatch}</g>` +
        `<text x="${x + 34}" y="${y + index * 26}" ${FONT} font-size="13" fill="${colors.text}" dominant-baseline="middle">${escapeXml(item.label)}</text>`,
    );
    const notes = [
      "big dot: the config's operating point",
      'x: cost of the set relative to sending',
      'everything to the strong model',
      'y: mean score (native units per source)',
    ].map(
      (note, index) =>
        `<text x="${x}" y="${y + items.length * 26 + 14 + index * 17}" ${FONT} font-size="11.5" fill="${colors.muted}">${escapeXml(note)}</text>`,
    );
    return [...lines, ...notes].join('\n');
  }
  let offset = x;
  const parts: string[] = [];
  for (const item of items) {
    parts.push(`<g transform="translate(${offset} ${y})">${item.swatch}</g>`);
    parts.push(
      `<text x="${offset + 32}" y="${y}" ${FONT} font-size="12" fill="${colors.text}" dominant-baseline="middle">${escapeXml(item.label)}</text>`,
    );
    offset += 44 + item.label.length * 7.2;
  }
  return parts.join('\n');
}

/**
 * The cost/quality chart of a quality-bench run as SVG: one panel for all sources (normalised
 * scores) and one per source (native units), each with the pipeline's curve and operating point
 * ("chosen"), stand-alone scorers, the random and oracle curves, and the all-weak and all-strong
 * points. The x axis is cost as a share of all-strong (or the strong share when prices are
 * missing).
 *
 * @example
 * writeFileSync('curve.svg', renderQualityChart(report));
 */
export function renderQualityChart(report: QualityReport): string {
  const groups = [report.overall, ...report.sources];
  const columns = Math.min(3, groups.length);
  const rows = Math.ceil(groups.length / columns);
  const width = PAGE_PADDING * 2 + columns * PANEL_WIDTH;
  const legendInSlot = groups.length % columns !== 0;
  const height = HEADER_HEIGHT + rows * PANEL_HEIGHT + (legendInSlot ? 0 : LEGEND_HEIGHT) + PAGE_PADDING;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${PAGE_PADDING}" y="30" ${FONT} font-size="19" font-weight="bold" fill="${colors.text}">Switchyard quality bench: quality against cost</text>`,
    `<text x="${PAGE_PADDING}" y="48" ${FONT} font-size="12" fill="${colors.muted}">${escapeXml(
      `${report.data.used} rows from ${report.data.path} · config ${report.config.path ?? 'built-in'} · weak: ${report.pricing.weak.label} · strong: ${report.pricing.strong.label}`,
    )}</text>`,
  ];
  groups.forEach((group, index) => {
    const column = index % columns;
    const row = Math.floor(index / columns);
    parts.push(
      panel(
        group,
        report.pricing.costsKnown,
        PAGE_PADDING + column * PANEL_WIDTH,
        HEADER_HEIGHT + row * PANEL_HEIGHT,
      ),
    );
  });
  if (legendInSlot) {
    const column = groups.length % columns;
    parts.push(
      legend(
        report,
        PAGE_PADDING + column * PANEL_WIDTH + MARGIN.left,
        HEADER_HEIGHT + (rows - 1) * PANEL_HEIGHT + MARGIN.top + 16,
        true,
      ),
    );
  } else {
    parts.push(legend(report, PAGE_PADDING + MARGIN.left, HEADER_HEIGHT + rows * PANEL_HEIGHT + 24, false));
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
