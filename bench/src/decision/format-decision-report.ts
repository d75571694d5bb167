import type { LatencySummary } from './latency-summary.js';
import type { DecisionBenchmarkResult } from './run-decision-benchmark.js';

/**
 * The decision benchmark's result as a readable report: machine, command, one table per case
 * (decision, validation, profiling, baseline) and the goal check.
 *
 * @example
 * console.log(formatDecisionReport(result, 'node bench/dist/decision/decision-benchmark.js'));
 */
export function formatDecisionReport(result: DecisionBenchmarkResult, command: string): string {
  const { machine, reference, workload } = result;
  const lines = [
    'Switchyard decision benchmark',
    `machine: ${machine.cpuModel}, ${machine.cores} logical cores, ${machine.memoryGb} GB, node ${machine.node}, ${machine.os}`,
    `command: ${command}`,
    `router:  ${result.router.source}: ${result.router.targets} targets, policies ${result.router.policies.join(' → ')}`,
    `timer:   ${result.timerOverheadNs} ns per hrtime.bigint() pair (included in every figure)`,
    `load:    ${result.loadAverage.before} before, ${result.loadAverage.after} after (1-minute average; ${machine.cores} cores)${
      Math.max(result.loadAverage.before, result.loadAverage.after) > machine.cores / 2
        ? ' — the machine was busy: p99 and max include time other processes took'
        : ''
    }`,
    '',
    `reference request: ${reference.tokens.messages} prompt tokens + ${reference.tools} tools (${reference.tokens.tools} tokens), routed to ${reference.target}; ${reference.decision.calls} calls each`,
    ...table(reference),
    `  goal p99 ≤ ${reference.goal.p99Us} µs: ${reference.goal.met ? 'met' : 'MISSED'} (p99 ${reference.decision.p99Us} µs; by fifth of the run: ${reference.decisionP99ByRoundUs.join(', ')} µs)`,
    '',
    `workload: ${workload.requests} requests (seed ${workload.seed}) × ${workload.passes} passes = ${workload.decision.calls} calls each`,
    ...table(workload),
    '  decision by kind of request:',
    ...Object.entries(workload.byKind).map(([kind, summary]) => `    ${kind.padEnd(18)} ${row(summary)}`),
    `  outcomes: ${Object.entries(workload.outcomes)
      .sort((a, b) => b[1] - a[1])
      .map(([target, count]) => `${target} ${count}`)
      .join(', ')}`,
  ];
  return lines.join('\n');
}

function table(
  figures: DecisionBenchmarkResult['reference'] | DecisionBenchmarkResult['workload'],
): string[] {
  return [
    `  ${''.padEnd(20)} ${['p50 µs', 'p90 µs', 'p99 µs', 'max µs', 'mean µs', 'per second'].map((label) => label.padStart(10)).join(' ')}`,
    `  ${'decision (route)'.padEnd(20)} ${row(figures.decision)}`,
    `  ${'validation (parse)'.padEnd(20)} ${row(figures.validation)}`,
    `  ${'profiling alone'.padEnd(20)} ${row(figures.profiling)}`,
    `  ${'baseline (no policy)'.padEnd(20)} ${row(figures.baseline)}`,
    `  decision ÷ baseline: ${figures.ratioToBaseline.p50}× at p50, ${figures.ratioToBaseline.p99}× at p99`,
  ];
}

function row(summary: LatencySummary): string {
  return [summary.p50Us, summary.p90Us, summary.p99Us, summary.maxUs, summary.meanUs, summary.perSecond]
    .map((value) => value.toLocaleString('en-US').padStart(10))
    .join(' ');
}
