import { performance } from 'node:perf_hooks';
import { type ChatRequest, candidateOf, profileRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { testTarget } from '../__fixtures__/test-target.js';
import { learnedScorerPolicy } from './learned-scorer-policy.js';
import { SCORER_WEIGHTS_FORMAT } from './scorer-weights.js';

/** 6,000 weights spread over 2^18 buckets, the size `bench tune` writes (values do not matter for speed). */
function realisticWeights() {
  let state = 12_345;
  const next = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
  const indices = [...new Set(Array.from({ length: 6000 }, () => Math.floor(next() * 2 ** 18)))].sort(
    (a, b) => a - b,
  );
  return {
    format: SCORER_WEIGHTS_FORMAT,
    version: 1,
    features: { hashBits: 18, wordBigrams: true, charNgramLength: 4 },
    bias: -1,
    indices,
    values: indices.map(() => next() - 0.5),
  };
}

const paragraph =
  'A train leaves the station at 9:40 and travels at 72 km/h; a second train leaves 25 minutes later at 96 km/h on a parallel track. ' +
  'Explain step by step when and where the second train catches up, and check the answer with a table of positions every ten minutes. ';

const cases: { name: string; request: ChatRequest; budgetUs: number }[] = [
  {
    name: 'a 60-word question',
    request: { model: 'auto', messages: [{ role: 'user', content: paragraph }] },
    budgetUs: 100,
  },
  {
    name: 'a 3,000-word document (read in bounded windows)',
    request: { model: 'auto', messages: [{ role: 'user', content: paragraph.repeat(50) }] },
    budgetUs: 400,
  },
];

describe('learned-scorer speed', () => {
  const policy = learnedScorerPolicy({ weights: realisticWeights() });
  const candidates = [
    testTarget({ id: 'local' }),
    testTarget({ id: 'cloud', locality: 'cloud', tier: 3 }),
  ].map(candidateOf);
  const context = { now: () => 0, random: () => 0, health: { health: () => 'unknown' as const } };

  it.each(cases)('decides $name in microseconds', ({ request, budgetUs }) => {
    const profile = profileRequest(request);
    const decide = () => policy.decide({ request, profile, candidates, locked: false, context });
    for (let warm = 0; warm < 300; warm++) decide();
    const samples: number[] = [];
    for (let run = 0; run < 7; run++) {
      const rounds = 300;
      const started = performance.now();
      for (let round = 0; round < rounds; round++) decide();
      samples.push(((performance.now() - started) * 1000) / rounds);
    }
    samples.sort((left, right) => left - right);
    const medianUs = samples[3] as number;
    // Measured about 6 µs and 50 µs on a 2-core Xeon VM; the budget leaves room for slow CI machines.
    expect(medianUs).toBeLessThan(budgetUs);
  });
});
