import { countsText } from './counts-text.js';
import type { LatencySummary, LedgerSummary } from './summarize-ledger.js';

/**
 * A ledger summary as readable text: the headline figures, a table per target, and one
 * `ALERT:` line per alert. Ends with a newline.
 *
 * @example
 * process.stdout.write(formatLedgerSummary(summarizeLedger(records)));
 */
export function formatLedgerSummary(summary: LedgerSummary): string {
  if (summary.requests === 0) return 'ledger: no requests recorded\n';
  const lines = [
    `ledger: ${plural(summary.requests, 'request')}, ${summary.from} → ${summary.to}`,
    '',
    ...labelled([
      ['requests', requestsText(summary)],
      ['local share', localShareText(summary)],
      ['fallbacks', fallbacksText(summary)],
      [
        'retries',
        `${count(summary.retries)} · validation failures ${count(summary.validationFailures)} · ` +
          `escalations ${count(summary.escalations)}`,
      ],
      ['latency', `${latencyText(summary.latency)} (${plural(summary.latency.count, 'request')})`],
      [
        'TTFT',
        summary.ttft.count === 0
          ? 'no streamed requests'
          : `${latencyText(summary.ttft)} (${plural(summary.ttft.count, 'stream')})`,
      ],
      [
        'tokens',
        `${count(summary.tokens.input)} in (${count(summary.tokens.cachedInput)} cached) · ` +
          `${count(summary.tokens.output)} out`,
      ],
      ['spend', spendText(summary)],
      ['savings', savingsText(summary)],
    ]),
    '',
    ...targetTable(summary),
  ];
  if (summary.spend.unpricedCalls > 0) {
    lines.push(
      '',
      `note: ${plural(summary.spend.unpricedCalls, 'call')} on targets without a price ` +
        `(${summary.spend.unpricedTargets.join(', ')}): spend is incomplete; give them a price`,
    );
  }
  if (summary.alerts.length > 0) lines.push('', ...summary.alerts.map((alert) => `ALERT: ${alert}`));
  return `${lines.join('\n')}\n`;
}

function requestsText(summary: LedgerSummary): string {
  const failed =
    summary.errors === 0
      ? '0 failed'
      : `${count(summary.errors)} failed (${percent(summary.errors / summary.requests)}: ${countsText(summary.errorCodes)})`;
  return `${count(summary.successes)} answered (${percent(summary.successes / summary.requests)}), ${failed}`;
}

function localShareText(summary: LedgerSummary): string {
  if (summary.localShare === null || summary.tierShare === null) return 'no answered requests';
  const tiers = ([1, 2, 3] as const).map((tier) => `tier ${tier} ${percent(summary.tierShare?.[tier] ?? 0)}`);
  return (
    `${percent(summary.localShare)} answered locally (${count(summary.answeredLocally)} of ` +
    `${count(summary.successes)}) · ${tiers.join(' · ')}`
  );
}

function fallbacksText(summary: LedgerSummary): string {
  const rate = summary.fallbackRate ?? 0;
  const causes = summary.requestsWithFallback === 0 ? '' : `: ${countsText(summary.fallbackCauses)}`;
  return (
    `${percent(rate)} of requests (${count(summary.requestsWithFallback)})${causes}; ` +
    `alert above ${percent(summary.fallbackAlertRate)}`
  );
}

function spendText(summary: LedgerSummary): string {
  const { spend } = summary;
  return `${usd(spend.totalUsd)} total · local ${usd(spend.localUsd)} · cloud ${usd(spend.cloudUsd)}`;
}

function savingsText(summary: LedgerSummary): string {
  const { baseline } = summary;
  if (baseline === null) return 'no baseline (set metering.baselineTarget or metering.baselinePrice)';
  const share = baseline.savingsPercent === null ? '' : ` (${baseline.savingsPercent.toFixed(1)}%)`;
  return (
    `${usd(baseline.savingsUsd)}${share} vs ${usd(baseline.baselineUsd)} at the baseline ` +
    `(${plural(baseline.requests, 'request')})`
  );
}

function targetTable(summary: LedgerSummary): string[] {
  const header = ['target', 'where', 'tier', 'calls', 'failed', 'rejected', 'answered', 'p50 ms', 'p95 ms'];
  header.push('TTFT p50', 'TTFT p95', 'tokens in', 'tokens out', 'cost');
  const rows = summary.targets.map((target) => [
    target.target,
    target.locality,
    String(target.tier),
    count(target.calls),
    count(target.failedCalls),
    count(target.rejectedCalls),
    count(target.answered),
    milliseconds(target.latency.p50Ms),
    milliseconds(target.latency.p95Ms),
    milliseconds(target.ttft.p50Ms),
    milliseconds(target.ttft.p95Ms),
    count(target.inputTokens),
    count(target.outputTokens),
    target.unpricedCalls > 0 ? 'unpriced' : usd(target.costUsd),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] as string).length)),
  );
  // Text columns (target, where) left-aligned; figures right-aligned.
  const render = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column < 2 ? cell.padEnd(widths[column] as number) : cell.padStart(widths[column] as number),
      )
      .join('  ')
      .trimEnd();
  return [render(header), ...rows.map(render)];
}

function labelled(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, text]) => `${label.padEnd(width)}  ${text}`);
}

function latencyText(latency: LatencySummary): string {
  return `p50 ${duration(latency.p50Ms)} · p95 ${duration(latency.p95Ms)}`;
}

function duration(milliseconds: number | null): string {
  if (milliseconds === null) return '-';
  return milliseconds < 1000 ? `${Math.round(milliseconds)} ms` : `${(milliseconds / 1000).toFixed(1)} s`;
}

function milliseconds(value: number | null): string {
  return value === null ? '-' : count(Math.round(value));
}

function plural(value: number, noun: string): string {
  return `${count(value)} ${noun}${value === 1 ? '' : 's'}`;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** `$1.23`, `$0.0450`, `$0.000200`: enough digits to see small per-call amounts. */
function usd(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const absolute = Math.abs(amount);
  const digits =
    absolute >= 1
      ? absolute.toFixed(2)
      : absolute >= 0.01
        ? absolute.toFixed(4)
        : absolute === 0
          ? '0.00'
          : absolute.toPrecision(3);
  return `${sign}$${digits}`;
}
