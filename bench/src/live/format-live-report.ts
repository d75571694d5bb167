import type { LivePercentiles } from './live-percentiles.js';
import type { LiveBenchReport } from './run-live-bench.js';
import type { LiveAgreementSummary } from './summarize-live-agreement.js';
import type { LiveTargetSummary } from './summarize-live-targets.js';

/**
 * A live run's report as text: machine, command, config, workload and skips, the run as a whole,
 * a table of per-target figures, agreement between compared targets, and what the columns mean.
 *
 * @example
 * process.stdout.write(formatLiveReport(report, 'switchyard bench live --requests 50'));
 */
export function formatLiveReport(report: LiveBenchReport, command: string): string {
  const { machine, run, selection, settings } = report;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const lines = [
    'Switchyard live bench',
    `machine:  ${machine.cpuModel}, ${machine.cores} logical cores, ${machine.memoryGb} GB, node ${machine.node}, ${machine.os}`,
    `command:  ${command}`,
    `config:   ${report.config.source}: ${report.config.targets.map((target) => `${target.id} (${target.kind}, ${target.locality}, tier ${target.tier})`).join(', ')}`,
    `mode:     ${
      report.mode === 'routed'
        ? "routed — each request through the config's router (policies, retries, fallbacks)"
        : `compare — every request on each of ${settings.compare?.join(', ')}, side by side`
    }`,
    `workload: ${selection.selected} requests (${entries(selection.byKind)}), seed ${settings.seed}, output ≤ ${settings.maxOutputTokens} tokens, concurrency ${settings.concurrency}, deadline ${seconds(settings.deadlineMs)}`,
  ];
  if (selection.selected < selection.wanted) {
    lines.push(
      `          only ${selection.selected} of the ${selection.wanted} requests asked for could be served`,
    );
  }
  if (selection.skipped.total > 0) {
    lines.push(
      `skipped:  ${selection.skipped.total} of ${selection.considered} considered — ${entries(selection.skipped.byReason)} (by kind: ${entries(selection.skipped.byKind)})`,
      ...selection.skipped.examples.map((example) => `          e.g. ${truncate(example, 200)}`),
    );
  }
  for (const warmUp of report.warmUps) {
    lines.push(
      `warm-up:  ${warmUp.backend} ${Math.round(warmUp.milliseconds)} ms${warmUp.error === undefined ? '' : ` — FAILED: ${warmUp.error}`}`,
    );
  }
  lines.push(
    `run:      ${run.sent} sent in ${seconds(run.wallMs)}: ${run.ok} ok, ${run.errors} errors${
      run.errors > 0 ? ` (${entries(run.errorsByCode)})` : ''
    }, ${run.cut} cut by the deadline${run.notStarted > 0 ? `, ${run.notStarted} not started (deadline)` : ''}; ${run.requestsPerSecond} answers/s, ${run.outputTokensPerSecond} output tokens/s`,
    `          latency ${percentiles(run.latencyMs, 'ms')}; time to first token (streamed) ${percentiles(run.ttftMs, 'ms')}`,
    '',
    'per target:',
    ...targetTable(report.targets),
  );
  if (report.agreement.length > 0) {
    lines.push('', 'agreement on the same requests:', ...report.agreement.flatMap(agreementLines));
  }
  lines.push(
    '',
    'requests/errors/fallback: requests routed to the target first (compare: sent to it); error = failed in the end, after retries and fallbacks.',
    'answered: answers it gave (fallbacks from other targets included); at cap: of those, cut at the output cap (finish_reason length).',
    "calls/call err: every call made to the target. latency, TTFT, tok/s: its calls that returned an answer (accepted or turned down), from the call to the last byte (a wait for one of the target's maxConcurrency slots is not included; the run's latency includes it); tok/s = output tokens ÷ decoding time.",
    'valid: structured-output answers it returned that pass the request schema (ajv); 1st try: share of its answers to structured requests the executor accepted (the others were turned down and asked again).',
    "cost: core's costOfCall over its calls (provider figure, per-token prices, or GPU hourly rate × call time).",
  );
  return `${lines.join('\n')}\n`;
}

function targetTable(targets: readonly LiveTargetSummary[]): string[] {
  const header = [
    'target',
    'where',
    'requests',
    'answered',
    'at cap',
    'errors',
    'fallback',
    'calls',
    'call err',
    'lat p50',
    'lat p95',
    'ttft p50',
    'ttft p95',
    'tok/s p50',
    'valid',
    '1st try',
    'cost USD',
  ];
  const rows = targets.map((target) => [
    target.target,
    target.locality,
    String(target.requests),
    String(target.answered),
    String(target.truncated),
    percent(target.errorRate),
    percent(target.fallbackRate),
    String(target.calls),
    percent(target.callErrorRate),
    milliseconds(target.latencyMs?.p50),
    milliseconds(target.latencyMs?.p95),
    milliseconds(target.ttftMs?.p50),
    milliseconds(target.ttftMs?.p95),
    target.outputTokensPerSecond === null ? '–' : String(Math.round(target.outputTokensPerSecond.p50)),
    target.structured === null ? '–' : `${target.structured.valid}/${target.structured.answers}`,
    percent(target.structured?.firstTryValidRate ?? null),
    target.cost.usd === null ? 'unpriced' : target.cost.usd.toFixed(6),
  ]);
  const widths = header.map((label, column) =>
    Math.max(label.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const render = (row: readonly string[]) =>
    `  ${row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ')}`;
  const details = targets.flatMap((target) => [
    ...(Object.keys(target.callErrorsByCode).length === 0
      ? []
      : [`  ${target.target}: call errors ${entries(target.callErrorsByCode)}`]),
    ...(target.structured?.invalidExamples ?? []).map(
      (example) => `  ${target.target}: invalid structured output, e.g. ${example}`,
    ),
  ]);
  return [render(header), ...rows.map(render), ...details];
}

function agreementLines(pair: LiveAgreementSummary): string[] {
  const methods = Object.entries(pair.exact.byMethod)
    .map(([method, figures]) => `${method} ${figures.matches}/${figures.compared}`)
    .join(', ');
  const lines = [
    `  ${pair.targets[0]} vs ${pair.targets[1]} (${pair.localities}): ${pair.compared} requests both answered${
      pair.notCompared > 0 ? ` (${pair.notCompared} not compared: one side failed or was cut)` : ''
    }`,
    `    exact match after normalisation: ${pair.exact.matches}/${pair.exact.compared} (${percent(pair.exact.rate)})${methods === '' ? '' : ` — ${methods}`}`,
    `    prose, token-set Jaccard: ${
      pair.prose.compared === 0
        ? 'no prose answers'
        : `mean ${pair.prose.meanJaccard}, median ${pair.prose.medianJaccard} over ${pair.prose.compared}`
    }`,
  ];
  for (const [kind, figures] of Object.entries(pair.byKind)) {
    const parts = [
      figures.exact.compared > 0 ? `exact ${figures.exact.matches}/${figures.exact.compared}` : undefined,
      figures.prose.compared > 0
        ? `Jaccard mean ${figures.prose.meanJaccard} (${figures.prose.compared})`
        : undefined,
    ].filter((part) => part !== undefined);
    lines.push(`    ${kind}: ${parts.join(', ')}`);
  }
  return lines;
}

function percentiles(figures: LivePercentiles | null, unit: string): string {
  return figures === null ? '–' : `p50 ${figures.p50} ${unit}, p95 ${figures.p95} ${unit} (${figures.count})`;
}

function percent(value: number | null): string {
  return value === null ? '–' : `${(value * 100).toFixed(1)} %`;
}

function milliseconds(value: number | undefined): string {
  return value === undefined ? '–' : value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}

function entries(counts: Readonly<Record<string, number>>): string {
  const list = Object.entries(counts);
  return list.length === 0 ? 'none' : list.map(([name, count]) => `${name} ${count}`).join(', ');
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
