/** Anything with a case-insensitive `get(name)`: `Headers`, or a plain record via `new Headers(record)`. */
export type HeaderReader = { get(name: string): string | null };

/** Settings of {@link parseRetryAfter}. */
export type RetryAfterOptions = {
  /** Current time in ms since the epoch, for HTTP-date values (default `Date.now()`). */
  readonly now?: number;
  /** Largest delay returned; longer waits are capped to it (default: no cap). */
  readonly maxMs?: number;
};

/**
 * Reads how long the server asked us to wait, in ms: `retry-after-ms` (OpenAI) first, then
 * `retry-after` as seconds (`"12"`, `"1.5"`) or an HTTP date. Returns `undefined` when absent or
 * unparseable; a date in the past gives 0.
 *
 * @example
 * parseRetryAfter(new Headers({ 'retry-after': '20' }), { maxMs: 60_000 }); // → 20000
 */
export function parseRetryAfter(headers: HeaderReader, options: RetryAfterOptions = {}): number | undefined {
  const milliseconds = parseNumber(headers.get('retry-after-ms'));
  const delay = milliseconds ?? parseRetryAfterValue(headers.get('retry-after'), options.now ?? Date.now());
  if (delay === undefined) return undefined;
  return options.maxMs === undefined ? delay : Math.min(delay, options.maxMs);
}

function parseRetryAfterValue(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const seconds = parseNumber(value);
  if (seconds !== undefined) return Math.round(seconds * 1000);
  // An HTTP date names a weekday and month; bare numbers (`-3`) must not parse as years.
  if (!/[a-z]{3}/i.test(value)) return undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function parseNumber(value: string | null): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return undefined;
  return Number(trimmed);
}
