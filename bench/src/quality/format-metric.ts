/**
 * A share (0–1) as a percentage with one decimal, or `—` when unknown.
 *
 * @example
 * formatShare(0.4213); // '42.1%'
 */
export function formatShare(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? '—'
    : `${(value * 100).toFixed(1)}%`;
}

/**
 * A number with fixed decimals, or `—` when unknown.
 *
 * @example
 * formatFixed(0.61234, 3); // '0.612'
 */
export function formatFixed(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/**
 * A USD amount with enough digits to read small totals, or `—` when unknown.
 *
 * @example
 * formatUsd(12.3456); // '$12.35'
 */
export function formatUsd(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value === 0) return '$0';
  return Math.abs(value) >= 10 ? `$${value.toFixed(2)}` : `$${value.toPrecision(3)}`;
}

/**
 * A savings percentage, or `—` when unknown.
 *
 * @example
 * formatPercent(37.25); // '37.3%'
 */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(Math.abs(value) < 0.05 ? 0 : value).toFixed(1)}%`;
}
