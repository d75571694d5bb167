import type {
  NoRouteError,
  PolicyTraceEntry,
  RequestProfile,
  RouteHop,
  RoutingDecision,
} from '@switchyard/core';

/**
 * The readable form of a decision (`switchyard route --explain`): what the profiler saw, what
 * each policy did (outcome, reason, dropped targets with reasons, what remained), then the route.
 *
 * @example
 * io.stdout.write(formatDecisionExplanation(decision, request.model));
 */
export function formatDecisionExplanation(decision: RoutingDecision, model: string): string {
  const hops = [decision, ...decision.fallbacks];
  const labels = hops.map((_hop, index) => (index === 0 ? 'primary' : `fallback ${index}`));
  const heading = decision.decidedBy === undefined ? 'Route' : `Route (decided by ${decision.decidedBy})`;
  return [
    ...requestLines(decision.requestId, model, decision.profile),
    '',
    ...traceLines(decision.trace),
    '',
    heading,
    ...hopTable(hops, labels),
    '',
  ].join('\n');
}

/**
 * The readable form of a "no route" answer: the profile, the trace up to the policy that left
 * nothing, and each rejection.
 *
 * @example
 * io.stdout.write(formatNoRouteExplanation(error, request.model, router.profile(request)));
 */
export function formatNoRouteExplanation(
  error: NoRouteError,
  model: string,
  profile: RequestProfile,
): string {
  return [
    ...requestLines(error.requestId, model, profile),
    '',
    ...traceLines(error.trace),
    '',
    'No route: nothing can serve this request',
    ...error.rejections.map((rejection) => `  ${rejection.policy}: ${rejection.reason}`),
    '',
  ].join('\n');
}

function requestLines(requestId: string, model: string, profile: RequestProfile): string[] {
  const count = (value: number) => value.toLocaleString('en-US');
  const structured =
    profile.structuredOutput.mode === 'json_schema'
      ? `json_schema (${profile.structuredOutput.schemaSize} nodes${profile.structuredOutput.strict ? ', strict' : ''})`
      : profile.structuredOutput.mode;
  const tier = profile.requestedTier ?? profile.tierTag;
  const limits = [
    profile.maxOutputTokens === undefined ? undefined : `max output ${count(profile.maxOutputTokens)}`,
    profile.maxCostUsd === undefined ? undefined : `max cost $${profile.maxCostUsd}`,
    profile.latencyBudgetMs === undefined ? undefined : `latency budget ${profile.latencyBudgetMs} ms`,
  ].filter((item) => item !== undefined);
  return [
    `Request ${requestId}  model ${JSON.stringify(model)}`,
    'Profile',
    `  tokens      ~${count(profile.promptTokens)} prompt, ~${count(profile.expectedOutputTokens)} output expected` +
      (limits.length > 0 ? ` (${limits.join(', ')})` : ''),
    `  tools       ${profile.toolCount} offered, tool-chain depth ${profile.toolChainDepth}`,
    `  output      ${structured}`,
    `  privacy     ${profile.privacy}`,
    `  task        ${profile.taskCategory} (${profile.complexity})` +
      (tier === undefined ? '' : `, tier ${tier} asked for`) +
      (profile.imageCount > 0 ? `, ${profile.imageCount} image(s)` : '') +
      (profile.tags.length > 0 ? `, tags ${profile.tags.join(', ')}` : ''),
  ];
}

function traceLines(trace: readonly PolicyTraceEntry[]): string[] {
  const lines = ['Policies'];
  const nameWidth = Math.max(...trace.map((entry) => entry.policy.length), 0);
  const outcomeWidth = Math.max(...trace.map((entry) => entry.outcome.length), 0);
  trace.forEach((entry, index) => {
    const number = `${index + 1}.`.padEnd(3);
    lines.push(
      `  ${number} ${entry.policy.padEnd(nameWidth)}  ${entry.outcome.padEnd(outcomeWidth)}  ${entry.reason}`,
    );
    const indent = ' '.repeat(7);
    for (const [reason, targets] of groupByReason(entry.dropped)) {
      lines.push(`${indent}dropped ${targets.join(', ')}: ${reason}`);
    }
    if (entry.outcome !== 'not-applicable') {
      lines.push(
        `${indent}remaining ${entry.remaining.length === 0 ? '(none)' : entry.remaining.join(', ')}`,
      );
    }
  });
  if (trace.length === 0) lines.push('  (no policies)');
  return lines;
}

function groupByReason(dropped: PolicyTraceEntry['dropped']): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const { target, reason } of dropped) {
    const targets = groups.get(reason);
    if (targets === undefined) groups.set(reason, [target]);
    else targets.push(target);
  }
  return groups;
}

function hopTable(hops: readonly RouteHop[], labels: readonly string[]): string[] {
  const rows = hops.map((hop, index) => [
    labels[index] ?? '',
    hop.target,
    hop.kind,
    hop.model,
    hop.quantization ?? '-',
    `tier ${hop.tier}`,
    hop.locality,
    hop.timeoutMs === undefined ? '' : `timeout ${hop.timeoutMs / 1000} s`,
  ]);
  const widths =
    rows[0]?.map((_cell, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) =>
    `  ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}`.trimEnd(),
  );
}
