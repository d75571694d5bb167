/** Accuracy of an estimator on one data set, in percent of the exact count. */
export type ErrorSummary = {
  /** Items compared (items with an exact count of 0 are skipped). */
  readonly count: number;
  /** Mean absolute error, %. */
  readonly meanAbsolutePercent: number;
  /** Median absolute error, %. */
  readonly medianAbsolutePercent: number;
  /** 90th percentile of the absolute error, %. */
  readonly p90AbsolutePercent: number;
  /** Mean signed error, %: positive = the estimator over-counts. */
  readonly biasPercent: number;
  /** Sum of estimates over sum of exact counts, − 1, %: the error on the set as a whole. */
  readonly totalErrorPercent: number;
};

/** A pair to compare: the estimate and the exact count. */
export type EstimatePair = { readonly estimate: number; readonly exact: number };

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * Summarises estimate/exact pairs: mean, median and p90 absolute % error, bias and whole-set error.
 *
 * @example
 * summarizeErrors([{ estimate: 11, exact: 10 }, { estimate: 9, exact: 10 }]);
 * // { count: 2, meanAbsolutePercent: 10, medianAbsolutePercent: 10, p90AbsolutePercent: 10, biasPercent: 0, totalErrorPercent: 0 }
 */
export function summarizeErrors(pairs: readonly EstimatePair[]): ErrorSummary {
  const relative: number[] = [];
  let estimateTotal = 0;
  let exactTotal = 0;
  for (const { estimate, exact } of pairs) {
    if (exact <= 0) continue;
    relative.push((estimate - exact) / exact);
    estimateTotal += estimate;
    exactTotal += exact;
  }
  if (relative.length === 0) throw new RangeError('no pairs with an exact count above 0');
  const absolute = relative.map(Math.abs).sort((left, right) => left - right);
  const at = (quantile: number) =>
    absolute[Math.min(absolute.length - 1, Math.ceil(quantile * absolute.length) - 1)]!;
  const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    count: relative.length,
    meanAbsolutePercent: round(mean(absolute) * 100),
    medianAbsolutePercent: round(at(0.5) * 100),
    p90AbsolutePercent: round(at(0.9) * 100),
    biasPercent: round(mean(relative) * 100),
    totalErrorPercent: round((estimateTotal / exactTotal - 1) * 100),
  };
}
