import { loadavg } from 'node:os';
import { type ChatRequest, profileRequest } from '@switchyard/core';
import { getEncoding } from 'js-tiktoken';
import { describeMachine } from '../decision/describe-machine.js';
import { type LatencySummary, summarizeLatencies } from '../decision/latency-summary.js';
import { measureLatency, timerOverheadNanoseconds } from '../decision/measure-latency.js';
import { MissingSharedDataError } from '../shared-data.js';
import { buildReferenceRequest } from '../workload/reference-request.js';

/**
 * Latency of `profileRequest` on the decision benchmark's reference request (a ~4,000-token
 * prompt offering 12 BFCL tools), per call, with the fast estimator and with an exact cl100k
 * counter plugged in. The profiler's budget is 6 µs median on the 2-core reference machine.
 *
 * Run: `npx tsc -b bench && node bench/dist/token-estimator/profile-request-speed.js [calls]`
 */

function variants(request: ChatRequest): ChatRequest[] {
  // Copies through JSON, like requests parsed off the wire: flat strings, fresh objects.
  const copies: ChatRequest[] = [];
  for (let index = 0; index < 8; index++) copies.push(JSON.parse(JSON.stringify(request)) as ChatRequest);
  return copies;
}

function describe(summary: LatencySummary): string {
  return `p50 ${summary.p50Us} µs, p90 ${summary.p90Us} µs, p99 ${summary.p99Us} µs, mean ${summary.meanUs} µs (${summary.calls.toLocaleString('en-US')} calls)`;
}

function run(argv: readonly string[]): void {
  const calls = Number(argv[0] ?? 200_000);
  if (!Number.isInteger(calls) || calls <= 0)
    throw new Error(`calls must be a positive integer, got ${argv[0]}`);
  const reference = buildReferenceRequest();
  const requests = variants(reference);
  const encoder = getEncoding('cl100k_base');
  const tokenCounter = (text: string) => encoder.encode(text).length;

  const profile = profileRequest(reference);
  const fast = summarizeLatencies(
    measureLatency((request) => profileRequest(request), requests, { warmupCalls: 50_000, calls }),
  );
  const exactCalls = Math.max(50, Math.round(calls / 2_000));
  const exact = summarizeLatencies(
    measureLatency((request) => profileRequest(request, { tokenCounter }), requests, {
      warmupCalls: 10,
      calls: exactCalls,
    }),
  );
  const exactProfile = profileRequest(reference, { tokenCounter });
  const machine = describeMachine();
  console.log(
    [
      '# profileRequest latency',
      '',
      `Command: node bench/dist/token-estimator/profile-request-speed.js ${calls}`,
      `Machine: ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}; load average ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}; timer overhead ${timerOverheadNanoseconds()} ns (included below)`,
      `Request: ${reference.messages.length} message(s), ${reference.tools?.length ?? 0} tools; estimated ${profile.promptTokens} prompt tokens (tools ${profile.toolSchemaTokens}); exact ${exactProfile.promptTokens} (tools ${exactProfile.toolSchemaTokens})`,
      '',
      `- fast estimator: ${describe(fast)}`,
      `- exact cl100k counter (js-tiktoken): ${describe(exact)}`,
      `- ratio exact / fast at p50: ${Math.round(exact.p50Us / fast.p50Us)}×`,
    ].join('\n'),
  );
}

try {
  run(process.argv.slice(2));
} catch (error) {
  if (error instanceof MissingSharedDataError) {
    console.error(`profile-request-speed: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
