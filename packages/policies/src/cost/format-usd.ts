/**
 * A USD amount for reasons: three significant digits, so both `$0.0075` and `$0.000012` read well.
 *
 * @example
 * formatUsd(0.0075123); // '$0.00751'
 */
export function formatUsd(amount: number): string {
  return `$${Number(amount.toPrecision(3))}`;
}
