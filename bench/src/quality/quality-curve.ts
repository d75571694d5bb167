/** One row as the curve sees it: what each model scores on it and what each would cost. */
export type CurveRow = {
  readonly weak: number;
  readonly strong: number;
  readonly weakCostUsd: number;
  readonly strongCostUsd: number;
};

/** One operating point: the share of rows sent to the strong model, and what that yields. */
export type CurvePoint = {
  /** Share of rows sent to the strong model (0–1). */
  readonly share: number;
  /** Mean score over all rows. */
  readonly quality: number;
  /** (quality − weak) / (strong − weak); `null` when both models score the same on average. */
  readonly pgr: number | null;
  readonly costUsd: number;
  /** The cut-off that gives this point (swept routers). */
  readonly threshold?: number;
};

/** Means of the two models over a set of rows: the ends of every curve. */
export type PairMeans = {
  readonly weak: number;
  readonly strong: number;
  readonly weakCostUsd: number;
  readonly strongCostUsd: number;
};

/**
 * Mean scores and total costs of all-weak and all-strong routing over the rows.
 *
 * @example
 * pairMeans([{ weak: 0, strong: 1, weakCostUsd: 0, strongCostUsd: 1 }]); // { weak: 0, strong: 1, … }
 */
export function pairMeans(rows: readonly CurveRow[]): PairMeans {
  let weak = 0;
  let strong = 0;
  let weakCostUsd = 0;
  let strongCostUsd = 0;
  for (const row of rows) {
    weak += row.weak;
    strong += row.strong;
    weakCostUsd += row.weakCostUsd;
    strongCostUsd += row.strongCostUsd;
  }
  const count = Math.max(rows.length, 1);
  return { weak: weak / count, strong: strong / count, weakCostUsd, strongCostUsd };
}

/**
 * Performance gap recovered: the share of the strong model's lead over the weak one that a mean
 * score recovers. `null` when the two models tie on average (no gap to recover).
 *
 * @example
 * performanceGapRecovered(0.8, { weak: 0.6, strong: 1 } as PairMeans); // 0.5
 */
export function performanceGapRecovered(
  quality: number,
  means: Pick<PairMeans, 'weak' | 'strong'>,
): number | null {
  const gap = means.strong - means.weak;
  if (Math.abs(gap) < 1e-12) return null;
  return (quality - means.weak) / gap;
}

/**
 * The operating point of a router that sends each row one way (`toStrong[i]`).
 *
 * @example
 * routedPoint(rows, [true, false]);
 */
export function routedPoint(rows: readonly CurveRow[], toStrong: readonly boolean[]): CurvePoint {
  let strongCount = 0;
  let quality = 0;
  let costUsd = 0;
  rows.forEach((row, index) => {
    const strong = toStrong[index] === true;
    if (strong) strongCount++;
    quality += strong ? row.strong : row.weak;
    costUsd += strong ? row.strongCostUsd : row.weakCostUsd;
  });
  const count = Math.max(rows.length, 1);
  const mean = quality / count;
  return {
    share: strongCount / count,
    quality: mean,
    pgr: performanceGapRecovered(mean, pairMeans(rows)),
    costUsd,
  };
}

/**
 * A swept router: row `i` goes strong when `scores[i] ≥ threshold`, else weak (or, for a pipeline,
 * `high[i]` / `low[i]`: where the pipeline sends the row when its scorer says strong / weak).
 */
export type SweepInput = {
  readonly scores: readonly number[];
  /** Where each row goes at or above the cut-off (default: strong). */
  readonly high?: readonly boolean[];
  /** Where each row goes below the cut-off (default: weak). */
  readonly low?: readonly boolean[];
};

/**
 * Every operating point of a swept router, from the highest cut-off (nothing flipped) down to
 * the lowest (every row at its `high` side): rows flip in order of falling score, tied scores
 * together, so there is one point per distinct score plus the start.
 *
 * @example
 * const points = sweepCurve(rows, { scores: rows.map((row) => difficulty(row)) });
 */
export function sweepCurve(rows: readonly CurveRow[], input: SweepInput): CurvePoint[] {
  const count = rows.length;
  const means = pairMeans(rows);
  const isStrong = (index: number, high: boolean) =>
    high ? (input.high?.[index] ?? true) : (input.low?.[index] ?? false);
  let strongCount = 0;
  let quality = 0;
  let costUsd = 0;
  for (let index = 0; index < count; index++) {
    const row = rows[index] as CurveRow;
    const strong = isStrong(index, false);
    if (strong) strongCount++;
    quality += strong ? row.strong : row.weak;
    costUsd += strong ? row.strongCostUsd : row.weakCostUsd;
  }
  const divisor = Math.max(count, 1);
  const point = (threshold: number): CurvePoint => ({
    share: strongCount / divisor,
    quality: quality / divisor,
    pgr: performanceGapRecovered(quality / divisor, means),
    costUsd,
    threshold,
  });
  const order = [...Array(count).keys()].sort(
    (left, right) => (input.scores[right] as number) - (input.scores[left] as number) || left - right,
  );
  const points: CurvePoint[] = [point(Number.POSITIVE_INFINITY)];
  let position = 0;
  while (position < count) {
    const score = input.scores[order[position] as number] as number;
    while (position < count && input.scores[order[position] as number] === score) {
      const index = order[position] as number;
      const row = rows[index] as CurveRow;
      const before = isStrong(index, false);
      const after = isStrong(index, true);
      if (before !== after) {
        strongCount += after ? 1 : -1;
        quality += after ? row.strong - row.weak : row.weak - row.strong;
        costUsd += after ? row.strongCostUsd - row.weakCostUsd : row.weakCostUsd - row.strongCostUsd;
      }
      position++;
    }
    points.push(point(score));
  }
  return points;
}

/**
 * A curve as the metrics read it: sorted by share and closed with the all-weak (0, PGR 0) and
 * all-strong (1, PGR 1) ends, which every router can reach (and any point between two reachable
 * points, by mixing them).
 *
 * @example
 * const closed = closeCurve([{ share: 0.4, pgr: 0.7 }]); // [(0,0), (0.4,0.7), (1,1)]
 */
export function closeCurve(
  points: readonly Pick<CurvePoint, 'share' | 'pgr'>[],
): { share: number; pgr: number }[] {
  const known = points
    .filter((point): point is { share: number; pgr: number } => point.pgr !== null)
    .map((point) => ({ share: point.share, pgr: point.pgr }))
    .sort((left, right) => left.share - right.share);
  if (known.length === 0 || (known[0] as { share: number }).share > 0) known.unshift({ share: 0, pgr: 0 });
  if ((known[known.length - 1] as { share: number }).share < 1) known.push({ share: 1, pgr: 1 });
  return known;
}

/**
 * Average performance gap recovered: the area under PGR over strong share from 0 to 1 (trapezoid
 * rule) of the closed curve. Random routing scores about 0.5; `null` when PGR is undefined.
 *
 * @example
 * averagePerformanceGapRecovered([{ share: 0.5, pgr: 0.5 }]); // 0.5
 */
export function averagePerformanceGapRecovered(
  points: readonly Pick<CurvePoint, 'share' | 'pgr'>[],
): number | null {
  if (points.length > 0 && points.every((point) => point.pgr === null)) return null;
  const closed = closeCurve(points);
  let area = 0;
  for (let index = 1; index < closed.length; index++) {
    const left = closed[index - 1] as { share: number; pgr: number };
    const right = closed[index] as { share: number; pgr: number };
    area += ((right.share - left.share) * (left.pgr + right.pgr)) / 2;
  }
  return area;
}

/**
 * Call-performance threshold: the smallest strong share at which the closed curve reaches
 * `pgr ≥ target` (linear between points), or `null` when PGR is undefined.
 *
 * @example
 * callPerformanceThreshold([{ share: 0.4, pgr: 0.8 }], 0.5); // 0.25
 */
export function callPerformanceThreshold(
  points: readonly Pick<CurvePoint, 'share' | 'pgr'>[],
  target: number,
): number | null {
  if (points.length > 0 && points.every((point) => point.pgr === null)) return null;
  const closed = closeCurve(points);
  const first = closed[0] as { share: number; pgr: number };
  if (first.pgr >= target) return first.share;
  for (let index = 1; index < closed.length; index++) {
    const left = closed[index - 1] as { share: number; pgr: number };
    const right = closed[index] as { share: number; pgr: number };
    if (left.pgr < target && right.pgr >= target) {
      return left.share + ((target - left.pgr) / (right.pgr - left.pgr)) * (right.share - left.share);
    }
  }
  return null;
}

/**
 * The point of a curve at a given strong share, interpolated linearly between its two nearest
 * points (quality, PGR and cost alike).
 *
 * @example
 * pointAtShare(randomCurve, 0.3).quality;
 */
export function pointAtShare(points: readonly CurvePoint[], share: number): CurvePoint {
  const sorted = [...points].sort((left, right) => left.share - right.share);
  const first = sorted[0] as CurvePoint;
  if (share <= first.share) return first;
  for (let index = 1; index < sorted.length; index++) {
    const left = sorted[index - 1] as CurvePoint;
    const right = sorted[index] as CurvePoint;
    if (share <= right.share) {
      const weight = right.share === left.share ? 1 : (share - left.share) / (right.share - left.share);
      const mix = (a: number, b: number) => a + (b - a) * weight;
      return {
        share,
        quality: mix(left.quality, right.quality),
        pgr: left.pgr === null || right.pgr === null ? null : mix(left.pgr, right.pgr),
        costUsd: mix(left.costUsd, right.costUsd),
      };
    }
  }
  return sorted[sorted.length - 1] as CurvePoint;
}

/**
 * The random router's curve: the mean, over `runs` seeded random orders, of the quality and cost
 * after sending the first k rows of the order to the strong model (k = 0…n). Averaging runs keeps
 * the baseline's APGR close to its expected 0.5 on small sets.
 *
 * @example
 * const curve = randomCurve(rows, createSeededRandom(7).next, 20);
 */
export function randomCurve(rows: readonly CurveRow[], random: () => number, runs: number): CurvePoint[] {
  const count = rows.length;
  const quality = new Float64Array(count + 1);
  const cost = new Float64Array(count + 1);
  const means = pairMeans(rows);
  const order = [...Array(count).keys()];
  for (let run = 0; run < runs; run++) {
    for (let index = count - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [order[index], order[other]] = [order[other] as number, order[index] as number];
    }
    let sumQuality = means.weak * count;
    let sumCost = means.weakCostUsd;
    quality[0] = (quality[0] as number) + sumQuality;
    cost[0] = (cost[0] as number) + sumCost;
    for (let step = 1; step <= count; step++) {
      const row = rows[order[step - 1] as number] as CurveRow;
      sumQuality += row.strong - row.weak;
      sumCost += row.strongCostUsd - row.weakCostUsd;
      quality[step] = (quality[step] as number) + sumQuality;
      cost[step] = (cost[step] as number) + sumCost;
    }
  }
  const divisor = Math.max(count, 1);
  return Array.from({ length: count + 1 }, (_, step) => {
    const mean = (quality[step] as number) / runs / divisor;
    return {
      share: step / divisor,
      quality: mean,
      pgr: performanceGapRecovered(mean, means),
      costUsd: (cost[step] as number) / runs,
    };
  });
}
