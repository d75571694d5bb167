import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** One figure of a benchmark's result, as the summary prints it. */
export type BenchmarkFigure = { readonly label: string; readonly value: string };

/** A benchmark the suite runs: a script in its own process, and how to read its result file. */
export type BenchmarkEntry = {
  readonly name: string;
  /** Script path relative to `bench/dist/`. */
  readonly script: string;
  readonly args: readonly string[];
  /** JSON result path relative to `bench/out/`. */
  readonly resultFile: string;
  /** The headline figures of its result. */
  readonly figures: (result: never) => readonly BenchmarkFigure[];
};

type Latency = { p50Us: number; p90Us: number; p99Us: number; maxUs: number; perSecond: number };
type DecisionResult = {
  reference: {
    decision: Latency;
    validation: Latency;
    profiling: Latency;
    baseline: Latency;
    ratioToBaseline: { p50: number; p99: number };
    goal: { p99Us: number; met: boolean };
  };
  workload: {
    decision: Latency;
    validation: Latency;
    profiling: Latency;
    baseline: Latency;
    ratioToBaseline: { p50: number; p99: number };
    requests: number;
  };
};

type ExecutorCase = {
  name: string;
  direct: { p50Us: number; p99Us: number };
  router: { p50Us: number; p99Us: number };
  overheadUs: { p50: number; p99: number };
  ratio: { p50: number; p99: number };
};
type ExecutorResult = { cases: ExecutorCase[] };

type EstimatorErrors = { meanAbsolutePercent: number; p90AbsolutePercent: number; biasPercent: number };
type EstimatorResult = {
  textSets: { name: string; estimator: EstimatorErrors }[];
  toolSet: { name: string; estimator: EstimatorErrors };
  requestSets: { name: string; estimator: EstimatorErrors }[];
  speed: { name: string; exactMicroseconds: number; estimateMicroseconds: number; speedup: number }[];
};

const estimatorErrors = (errors: EstimatorErrors) =>
  `mean |error| ${errors.meanAbsolutePercent} %, p90 |error| ${errors.p90AbsolutePercent} %, bias ${errors.biasPercent} %`;

const latency = (summary: Latency) =>
  `p50 ${summary.p50Us} µs, p90 ${summary.p90Us} µs, p99 ${summary.p99Us} µs, max ${summary.maxUs} µs, ${summary.perSecond.toLocaleString('en-US')}/s`;

/** Every benchmark in bench/, in the order the suite runs them. */
export const benchmarks: readonly BenchmarkEntry[] = [
  {
    name: 'decision',
    script: 'decision/decision-benchmark.js',
    args: [],
    resultFile: 'decision.json',
    figures: ({ reference, workload }: DecisionResult) => [
      { label: 'reference decision (4k tokens, 12 tools)', value: latency(reference.decision) },
      {
        label: `reference goal p99 ≤ ${reference.goal.p99Us} µs`,
        value: reference.goal.met ? 'met' : `MISSED (p99 ${reference.decision.p99Us} µs)`,
      },
      { label: 'reference validation (parseChatRequest)', value: latency(reference.validation) },
      { label: 'reference profiling alone', value: latency(reference.profiling) },
      { label: 'reference baseline (no policies)', value: latency(reference.baseline) },
      {
        label: 'reference decision ÷ baseline',
        value: `${reference.ratioToBaseline.p50}× p50, ${reference.ratioToBaseline.p99}× p99`,
      },
      { label: `workload decision (${workload.requests} requests)`, value: latency(workload.decision) },
      { label: 'workload validation', value: latency(workload.validation) },
      { label: 'workload profiling alone', value: latency(workload.profiling) },
      { label: 'workload baseline (no policies)', value: latency(workload.baseline) },
      {
        label: 'workload decision ÷ baseline',
        value: `${workload.ratioToBaseline.p50}× p50, ${workload.ratioToBaseline.p99}× p99`,
      },
    ],
  },
  {
    name: 'executor overhead',
    script: 'executor/executor-overhead.js',
    args: [],
    resultFile: 'executor.json',
    figures: ({ cases }: ExecutorResult) =>
      cases.map((entry) => ({
        label: `executor overhead, ${entry.name}`,
        value: `+${entry.overheadUs.p50} µs p50, +${entry.overheadUs.p99} µs p99 (${entry.ratio.p50}× / ${entry.ratio.p99}×; direct p50 ${entry.direct.p50Us} µs, router p50 ${entry.router.p50Us} µs)`,
      })),
  },
  {
    name: 'token-estimator accuracy',
    script: 'token-estimator/estimator-accuracy.js',
    args: ['--json', 'bench/out/estimator-accuracy.json'],
    resultFile: 'estimator-accuracy.json',
    figures: ({ textSets, toolSet, requestSets, speed }: EstimatorResult) => [
      ...[...textSets, toolSet, ...requestSets].map((set) => ({
        label: `token estimate, ${set.name}`,
        value: estimatorErrors(set.estimator),
      })),
      ...speed.map((row) => ({
        label: `token estimate speed, ${row.name}`,
        value: `${row.estimateMicroseconds} µs vs ${row.exactMicroseconds} µs exact (${row.speedup}× faster)`,
      })),
    ],
  },
];

const distDirectory = fileURLToPath(new URL('.', import.meta.url));
const outDirectory = fileURLToPath(new URL('../out/', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs every benchmark in its own Node process (so one's JIT and heap state cannot skew
 * another), streaming its report, then prints a summary: each figure with the command that
 * produced it. Returns the exit code: 1 if a benchmark failed to run, else 0 (a missed goal is
 * reported, not an error).
 *
 * @example
 * // npm run bench   (or: node bench/dist/run-all.js)
 * process.exitCode = runAll();
 */
export function runAll(entries: readonly BenchmarkEntry[] = benchmarks): number {
  const summary: string[] = [];
  let failed = false;
  mkdirSync(outDirectory, { recursive: true });
  for (const entry of entries) {
    const scriptPath = `${distDirectory}${entry.script}`;
    const command = ['node', relative(repositoryRoot, scriptPath), ...entry.args].join(' ');
    console.log(`\n=== ${entry.name}: ${command}\n`);
    // From the repository root, as the printed command says (result paths in `args` are relative to it).
    const run = spawnSync(process.execPath, [scriptPath, ...entry.args], {
      stdio: 'inherit',
      cwd: repositoryRoot,
    });
    const resultPath = `${outDirectory}${entry.resultFile}`;
    if (run.status !== 0 || !existsSync(resultPath)) {
      failed = true;
      summary.push(`${entry.name}: FAILED (exit ${run.status ?? run.signal}) — ${command}`);
      continue;
    }
    const result = JSON.parse(readFileSync(resultPath, 'utf8')) as never;
    for (const figure of entry.figures(result))
      summary.push(`${figure.label}: ${figure.value}  — ${command}`);
  }
  console.log(`\n=== summary (commands run from the repository root)\n${summary.join('\n')}`);
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = runAll();
}
