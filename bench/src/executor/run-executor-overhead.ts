import { loadavg } from 'node:os';
import { createOpenAICompatible } from '@switchyard/backend-openai';
import {
  type BackendCall,
  type BackendV1,
  type ChatRequest,
  createMeter,
  createRouter,
  type Meter,
  type Router,
  type Target,
} from '@switchyard/core';
import { defaultPolicies } from '@switchyard/policies';
import { startOpenAIEmulator } from '@switchyard/testing';
import { describeMachine, type MachineDescription } from '../decision/describe-machine.js';
import { type LatencySummary, summarizeLatencies } from '../decision/latency-summary.js';
import { timerOverheadNanoseconds } from '../decision/measure-latency.js';
import { sharedDataDirectory } from '../shared-data.js';
import { buildExecutorInputs, type ExecutorInputs, type ObjectInput } from './executor-inputs.js';
import { createInstantBackend } from './instant-backend.js';
import { measurePairedLatency } from './measure-paired-latency.js';

/** Settings of {@link runExecutorOverhead}. */
export type ExecutorOverheadOptions = {
  /** Shared data folder (default `sharedDataDirectory()`). */
  readonly sharedDir?: string;
  /** Seed of the request sample (default 1). */
  readonly seed?: number;
  /** Distinct requests per kind (plain chat, structured output) (default 64). */
  readonly requests?: number;
  /** Measured calls per side of each in-process case (default 20,000). */
  readonly inProcessCalls?: number;
  /** Measured calls per side of each HTTP case (default 2,000). */
  readonly httpCalls?: number;
};

/** Which backend a case ran on. */
export type OverheadBackend = 'in-process' | 'http';

/** The call a case measured. */
export type OverheadMethod = 'generate' | 'stream' | 'generateObject';

/** One case: the adapter called directly against the same call through the router. */
export type OverheadCase = {
  readonly name: string;
  readonly backend: OverheadBackend;
  readonly method: OverheadMethod;
  /** What side (a) does. */
  readonly direct: LatencySummary & { readonly what: string };
  /** What side (b) does. */
  readonly router: LatencySummary & { readonly what: string };
  /** router − direct, in µs, at p50, p99 and on the mean. */
  readonly overheadUs: { readonly p50: number; readonly p99: number; readonly mean: number };
  /** router ÷ direct at p50 and p99. */
  readonly ratio: { readonly p50: number; readonly p99: number };
  readonly warmupCalls: number;
  /** Distinct requests cycled through. */
  readonly inputs: number;
};

/** Everything the executor-overhead benchmark measured, as written to `bench/out/executor.json`. */
export type ExecutorOverheadResult = {
  readonly benchmark: 'executor-overhead';
  readonly machine: MachineDescription;
  readonly loadAverage: { readonly before: number; readonly after: number };
  /** Median cost of one `hrtime.bigint()` pair, in ns; included in every latency. */
  readonly timerOverheadNs: number;
  /** What the router side runs. */
  readonly router: {
    readonly policies: readonly string[];
    readonly metering: string;
    /** Ledger records the meter wrote during the run (one per router call, warm-up included). */
    readonly meteredRequests: number;
  };
  readonly backends: Readonly<Record<OverheadBackend, string>>;
  readonly seed: number;
  readonly cases: readonly OverheadCase[];
};

type Bench = {
  readonly backend: BackendV1;
  readonly target: Target;
  readonly router: Router;
  readonly meter: Meter;
};

const routingTable = { aliases: [], premium: [] } as const;

/**
 * Measures what the executor adds to a backend call, in one process and one run: for each case
 * the adapter's `doGenerate` / `doStream` called directly (a) against the same request through
 * `router.generate` / `router.stream` / `router.generateObject` (b) — routing with the ten default
 * policies, the executor (attempt records, retries armed, structured-output validation), events,
 * and a meter (`createMeter`) building a ledger record per request. Two backends: an in-process
 * one that answers at once (so (b − a) is all Switchyard), and the OpenAI emulator over HTTP on
 * loopback through `createOpenAICompatible` (a real adapter with a socket, SSE parsing and JSON).
 *
 * @example
 * const result = await runExecutorOverhead({ inProcessCalls: 20_000, httpCalls: 2_000 });
 * result.cases[0].overheadUs.p50; // e.g. 14.2
 */
export async function runExecutorOverhead(
  options: ExecutorOverheadOptions = {},
): Promise<ExecutorOverheadResult> {
  const loadBefore = loadavg()[0] ?? 0;
  const seed = options.seed ?? 1;
  const inputs = buildExecutorInputs(options.sharedDir ?? sharedDataDirectory(), {
    count: options.requests ?? 64,
    seed,
  });
  const inProcessCalls = options.inProcessCalls ?? 20_000;
  const httpCalls = options.httpCalls ?? 2_000;

  const cases: OverheadCase[] = [];
  let meteredRequests = 0;
  let policies: readonly string[] = [];

  const instant = createBench(createInstantBackend({ id: 'instant' }), {
    id: 'instant-local',
    locality: 'local',
    tier: 1,
    model: 'instant-model',
  });
  policies = instant.router.policies.map((policy) => policy.name);
  cases.push(...(await runCases(instant, 'in-process', inputs, inProcessCalls)));
  await instant.meter.close();
  meteredRequests += instant.meter.recorded;

  const emulator = await startOpenAIEmulator({ replyText: 'The quick brown fox jumps over the lazy dog.' });
  try {
    const http = createBench(createOpenAICompatible({ id: 'emulator', baseUrl: `${emulator.url}/v1` }), {
      id: 'emulator-gpt-4o-mini',
      locality: 'cloud',
      tier: 3,
      model: 'gpt-4o-mini',
    });
    cases.push(...(await runCases(http, 'http', inputs, httpCalls)));
    await http.meter.close();
    meteredRequests += http.meter.recorded;
    await http.backend.close?.();
  } finally {
    await emulator.close();
  }

  return {
    benchmark: 'executor-overhead',
    machine: describeMachine(),
    loadAverage: { before: round(loadBefore), after: round(loadavg()[0] ?? 0) },
    timerOverheadNs: timerOverheadNanoseconds(),
    router: {
      policies,
      metering: 'createMeter: a ledger record built per request, handed to a sink that drops it',
      meteredRequests,
    },
    backends: {
      'in-process':
        'an in-process BackendV1 that answers at once (fixed text; minimal schema instance for JSON)',
      http: 'the OpenAI emulator (@switchyard/testing) on 127.0.0.1 through createOpenAICompatible (keep-alive HTTP, SSE)',
    },
    seed,
    cases,
  };
}

function createBench(backend: BackendV1, shape: Pick<Target, 'id' | 'locality' | 'tier' | 'model'>): Bench {
  const target: Target = {
    ...shape,
    backend: backend.id,
    kind: backend.kind,
    quantization: null,
    capabilities: { contextWindow: 128_000, tools: true, structuredOutput: 'native', vision: false },
    price:
      shape.locality === 'local'
        ? { type: 'gpu-hourly', gpuHourlyUsd: 0.45 }
        : { type: 'per-token', inputPerMillionUsd: 0.15, outputPerMillionUsd: 0.6 },
  };
  const targets = [target];
  const router = createRouter({
    targets,
    policies: defaultPolicies({ targets, routingTable }),
    backends: { [backend.id]: backend },
  });
  // The ledger record is built on every request-end (the real per-request cost); the sink drops it.
  const meter = createMeter({ router, sinks: [{ write: () => {} }] });
  return { backend, target, router, meter };
}

async function runCases(
  bench: Bench,
  backend: OverheadBackend,
  inputs: ExecutorInputs,
  calls: number,
): Promise<OverheadCase[]> {
  const { router, target } = bench;
  const adapter = bench.backend;
  const call = (request: ChatRequest): BackendCall => ({ request, model: target.model });
  const warmupCalls = Math.min(2_000, Math.ceil(calls / 5));
  const results: OverheadCase[] = [];

  const measure = async (
    method: OverheadMethod,
    direct: { what: string; run: (input: never) => Promise<unknown> },
    routed: { what: string; run: (input: never) => Promise<unknown> },
    cases: readonly unknown[],
  ) => {
    const latencies = await measurePairedLatency(direct.run, routed.run, cases as never[], {
      warmupCalls,
      calls,
    });
    results.push(
      overheadCase({
        name: `${backend} ${method}`,
        backend,
        method,
        direct: { what: direct.what, summary: summarizeLatencies(latencies.first) },
        router: { what: routed.what, summary: summarizeLatencies(latencies.second) },
        warmupCalls,
        inputs: cases.length,
      }),
    );
  };

  await measure(
    'generate',
    {
      what: 'backend.doGenerate(call)',
      run: (request: ChatRequest) => adapter.doGenerate(call(request)),
    },
    { what: 'router.generate(request)', run: (request: ChatRequest) => router.generate(request) },
    inputs.chat,
  );
  await measure(
    'stream',
    {
      what: 'backend.doStream(call), every part read',
      run: async (request: ChatRequest) => {
        const { stream } = await adapter.doStream(call(request));
        let parts = 0;
        for await (const _part of stream) parts += 1;
        return parts;
      },
    },
    {
      what: 'router.stream(request), every chunk read, then result',
      run: async (request: ChatRequest) => {
        const stream = router.stream(request);
        let chunks = 0;
        for await (const _chunk of stream) chunks += 1;
        await stream.result;
        return chunks;
      },
    },
    inputs.chat,
  );
  await measure(
    'generateObject',
    {
      what: 'backend.doGenerate(call with response_format) + JSON.parse',
      run: async (input: ObjectInput) => {
        const { completion } = await adapter.doGenerate(call(input.withFormat));
        return JSON.parse(completion.choices[0]?.message.content ?? 'null') as unknown;
      },
    },
    {
      what: 'router.generateObject(request, { schema }) (ajv validation)',
      run: (input: ObjectInput) =>
        router.generateObject(input.request, {
          schema: input.schema,
          name: input.name,
          strict: input.strict,
        }),
    },
    inputs.objects,
  );
  return results;
}

function overheadCase(parts: {
  name: string;
  backend: OverheadBackend;
  method: OverheadMethod;
  direct: { what: string; summary: LatencySummary };
  router: { what: string; summary: LatencySummary };
  warmupCalls: number;
  inputs: number;
}): OverheadCase {
  const direct = parts.direct.summary;
  const routed = parts.router.summary;
  return {
    name: parts.name,
    backend: parts.backend,
    method: parts.method,
    direct: { what: parts.direct.what, ...direct },
    router: { what: parts.router.what, ...routed },
    overheadUs: {
      p50: round(routed.p50Us - direct.p50Us),
      p99: round(routed.p99Us - direct.p99Us),
      mean: round(routed.meanUs - direct.meanUs),
    },
    ratio: { p50: round(routed.p50Us / direct.p50Us), p99: round(routed.p99Us / direct.p99Us) },
    warmupCalls: parts.warmupCalls,
    inputs: parts.inputs,
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
