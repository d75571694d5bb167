import type { ExecutorOverheadResult, OverheadCase } from './run-executor-overhead.js';

/**
 * The executor-overhead result as a readable report: machine, command, what each side runs, then
 * one block per case with both sides' percentiles, the overhead (router − direct) and the ratio.
 *
 * @example
 * console.log(formatExecutorReport(result, 'node bench/dist/executor/executor-overhead.js'));
 */
export function formatExecutorReport(result: ExecutorOverheadResult, command: string): string {
  const { machine } = result;
  const busy = Math.max(result.loadAverage.before, result.loadAverage.after) > machine.cores / 2;
  const lines = [
    'Switchyard executor-overhead benchmark',
    `machine: ${machine.cpuModel}, ${machine.cores} logical cores, ${machine.memoryGb} GB, node ${machine.node}, ${machine.os}`,
    `command: ${command}`,
    `router:  ${result.router.policies.length} policies (${result.router.policies.join(' → ')}); ${result.router.metering}`,
    `timer:   ${result.timerOverheadNs} ns per hrtime.bigint() pair (included in every figure)`,
    `load:    ${result.loadAverage.before} before, ${result.loadAverage.after} after (1-minute average; ${machine.cores} cores)${
      busy ? ' — the machine was busy: p99 includes time other processes took' : ''
    }`,
    `backends: in-process = ${result.backends['in-process']}`,
    `          http = ${result.backends.http}`,
    '',
    `  ${'case'.padEnd(24)} ${'side'.padEnd(8)} ${['p50 µs', 'p90 µs', 'p99 µs', 'mean µs', 'calls'].map((label) => label.padStart(10)).join(' ')}`,
  ];
  for (const entry of result.cases) lines.push(...caseRows(entry));
  lines.push(
    '',
    'overhead = router − direct (difference of the percentiles); ratio = router ÷ direct.',
    'Each case: both sides over the same requests, one call at a time, in alternating blocks.',
  );
  return lines.join('\n');
}

function caseRows(entry: OverheadCase): string[] {
  const row = (side: string, summary: OverheadCase['direct']) =>
    `  ${(side === 'direct' ? entry.name : '').padEnd(24)} ${side.padEnd(8)} ${[
      summary.p50Us,
      summary.p90Us,
      summary.p99Us,
      summary.meanUs,
      summary.calls,
    ]
      .map((value) => value.toLocaleString('en-US').padStart(10))
      .join(' ')}`;
  return [
    row('direct', entry.direct),
    row('router', entry.router),
    `  ${''.padEnd(24)} overhead p50 +${entry.overheadUs.p50} µs, p99 +${entry.overheadUs.p99} µs, mean +${entry.overheadUs.mean} µs; ratio ${entry.ratio.p50}× p50, ${entry.ratio.p99}× p99`,
    `  ${''.padEnd(24)} direct: ${entry.direct.what}; router: ${entry.router.what}`,
  ];
}
