/**
 * Rounds an amount of USD to 1e-10 (a ten-thousandth of a micro-dollar), so ledger lines and
 * sums read `0.0075` rather than `0.007500000000000001`, with no loss that matters for a bill.
 *
 * @example
 * roundUsd(0.1 + 0.2); // 0.3
 */
export function roundUsd(usd: number): number {
  return Math.round(usd * 1e10) / 1e10;
}
