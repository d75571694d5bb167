import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { candidateOf, profileRequest, type Target } from '@switchyard/core';
import { learnedScorerPolicy } from '@switchyard/policies';
import { readLabeledRows } from '../quality/read-labeled-rows.js';
import { rowRequest } from '../quality/row-request.js';
import { sharedDataDirectory, sharedDataPath } from '../shared-data.js';

/** Latency figures of one measurement, in microseconds. */
export type ScorerSpeed = {
  readonly requests: number;
  readonly meanUs: number;
  readonly p50Us: number;
  readonly p90Us: number;
  readonly p99Us: number;
  readonly maxUs: number;
};

const targets: Target[] = [
  {
    id: 'local',
    backend: 'b',
    kind: 'llamacpp',
    model: 'm',
    quantization: null,
    tier: 1,
    locality: 'local',
    capabilities: { contextWindow: 131_072, tools: true, structuredOutput: 'native', vision: false },
  },
  {
    id: 'cloud',
    backend: 'c',
    kind: 'openai',
    model: 'm',
    quantization: null,
    tier: 3,
    locality: 'cloud',
    capabilities: { contextWindow: 131_072, tools: true, structuredOutput: 'native', vision: false },
  },
];

/**
 * Times `learned-scorer` decisions (the policy alone: features, dot product, ranking; the request
 * is profiled beforehand) over every prompt of a labeled file, after two warm-up passes.
 *
 * @example
 * measureScorerSpeed('bench/scorer/difficulty-scorer.json', '../shared/data/routing/train.jsonl').p50Us;
 */
export function measureScorerSpeed(weightsPath: string, dataPath: string): ScorerSpeed {
  const policy = learnedScorerPolicy({ weightsPath });
  const requests = readLabeledRows(dataPath).map((row) => rowRequest(row));
  const profiles = requests.map((request) => profileRequest(request));
  const candidates = targets.map(candidateOf);
  const context = { now: () => 0, random: () => 0, health: { health: () => 'unknown' as const } };
  const decide = (index: number) =>
    policy.decide({
      request: requests[index]!,
      profile: profiles[index]!,
      candidates,
      locked: false,
      context,
    });
  for (let pass = 0; pass < 2; pass++) for (let index = 0; index < requests.length; index++) decide(index);
  const times: number[] = [];
  for (let index = 0; index < requests.length; index++) {
    const started = process.hrtime.bigint();
    decide(index);
    times.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  times.sort((left, right) => left - right);
  const at = (quantile: number) =>
    Number((times[Math.floor(quantile * (times.length - 1))] as number).toFixed(1));
  return {
    requests: times.length,
    meanUs: Number((times.reduce((sum, time) => sum + time, 0) / times.length).toFixed(1)),
    p50Us: at(0.5),
    p90Us: at(0.9),
    p99Us: at(0.99),
    maxUs: at(1),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const weights =
    process.argv[2] ?? fileURLToPath(new URL('../../scorer/difficulty-scorer.json', import.meta.url));
  const data = process.argv[3] ?? sharedDataPath(sharedDataDirectory(), 'data/routing/train.jsonl');
  const speed = measureScorerSpeed(weights, data);
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(
    `learned-scorer decision over ${speed.requests} prompts (${cpu}, Node ${process.version}): ` +
      `mean ${speed.meanUs} µs, p50 ${speed.p50Us} µs, p90 ${speed.p90Us} µs, p99 ${speed.p99Us} µs, max ${speed.maxUs} µs\n`,
  );
}
