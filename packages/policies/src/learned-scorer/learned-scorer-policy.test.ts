import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChatRequest, candidateOf, profileRequest, type RoutingPolicyV1 } from '@switchyard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideWith, idsOf } from '../__fixtures__/decide-with.js';
import { testTarget } from '../__fixtures__/test-target.js';
import { builtinPolicies } from '../builtin-policies.js';
import { extractScorerFeatures, type ScorerFeatureSettings } from './extract-scorer-features.js';
import { learnedScorerPolicy, scorerRoutingPolicy } from './learned-scorer-policy.js';
import { SCORER_WEIGHTS_FORMAT, type ScorerWeights } from './scorer-weights.js';

const settings: ScorerFeatureSettings = { hashBits: 16, wordBigrams: true, charNgramLength: 4 };
const hardText = 'Prove that every bounded monotone sequence of real numbers converges.';
const easyText = 'Translate into French: good morning, see you tomorrow.';

function chat(text: string): ChatRequest {
  return { model: 'auto', messages: [{ role: 'user', content: text }] };
}

function featuresOf(text: string): Map<number, number> {
  const request = chat(text);
  const sums = new Map<number, number>();
  extractScorerFeatures(request, profileRequest(request), settings, (index, value) => {
    sums.set(index, (sums.get(index) ?? 0) + value);
  });
  return sums;
}

/**
 * Weights that push up the features of `text` that the easy prompt lacks, by 4 each: a stand-in
 * for a trained model that learned "this kind of prompt needs the strong model".
 */
function weightsFor(text: string, threshold?: number): ScorerWeights {
  const easy = featuresOf(easyText);
  const entries = [...featuresOf(text)]
    .filter(([index, value]) => value !== 0 && !easy.has(index))
    .sort((left, right) => left[0] - right[0]);
  return {
    format: SCORER_WEIGHTS_FORMAT,
    version: 1,
    features: settings,
    bias: -4,
    indices: entries.map(([index]) => index),
    values: entries.map(([, value]) => Math.sign(value) * 4),
    ...(threshold === undefined ? {} : { threshold }),
  };
}

const local = testTarget({ id: 'local-8b', tier: 1 });
const large = testTarget({ id: 'local-70b', tier: 2 });
const cloud = testTarget({ id: 'gpt-4o', locality: 'cloud', tier: 3 });
const targets = [local, cloud, large];

function decide(
  policy: RoutingPolicyV1,
  text: string,
  profile: Parameters<typeof decideWith>[1]['profile'] = {},
) {
  const request = chat(text);
  return policy.decide({
    request,
    profile: { ...profileRequest(request), ...profile },
    candidates: targets.map(candidateOf),
    locked: false,
    context: { now: () => 0, random: () => 0, health: { health: () => 'unknown' } },
  });
}

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'switchyard-learned-scorer-'));
  await writeFile(join(folder, 'weights.json'), JSON.stringify(weightsFor(hardText, 0.5)));
  await writeFile(join(folder, 'broken.json'), '{ "format": ');
  await writeFile(
    join(folder, 'wrong.json'),
    JSON.stringify({ ...weightsFor(hardText), indices: [70_000], values: [1] }),
  );
});
afterAll(async () => {
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

describe('learnedScorerPolicy', () => {
  const policy = learnedScorerPolicy({ weights: weightsFor(hardText) });

  it('scores the prompt its weights favour high and another prompt low', () => {
    const hard = chat(hardText);
    const easy = chat(easyText);
    expect(policy.scorer.score(hard, profileRequest(hard))).toBeGreaterThan(0.9);
    expect(policy.scorer.score(easy, profileRequest(easy))).toBeLessThan(0.2);
  });

  it.each([
    {
      name: 'a hard prompt puts the cloud target first, the rest in order',
      text: hardText,
      ids: ['gpt-4o', 'local-8b', 'local-70b'],
      reason: /^difficulty (0\.9\d\d|1\.000) ≥ 0\.5: cloud first$/,
    },
    {
      name: 'an easy prompt puts local targets first, stably',
      text: easyText,
      ids: ['local-8b', 'local-70b', 'gpt-4o'],
      reason: /^difficulty 0\.\d+ < 0\.5: local first$/,
    },
  ])('$name', ({ text, ids, reason }) => {
    const decision = decide(policy, text);
    expect(decision.type).toBe('ranked');
    expect(idsOf(decision)).toEqual(ids);
    expect(decision.type === 'ranked' && decision.reason).toMatch(reason);
  });

  it.each([
    { threshold: 0, ids: ['gpt-4o', 'local-8b', 'local-70b'] },
    { threshold: Number.POSITIVE_INFINITY, ids: ['local-8b', 'local-70b', 'gpt-4o'] },
  ])('follows the cut-off: $threshold', ({ threshold, ids }) => {
    expect(idsOf(decide(scorerRoutingPolicy(policy.scorer, threshold), easyText))).toEqual(ids);
    expect(idsOf(decide(scorerRoutingPolicy(policy.scorer, threshold), hardText))).toEqual(ids);
  });

  it('takes the cut-off from the options, else the weights file, else 0.5', () => {
    expect(learnedScorerPolicy({ weights: weightsFor(hardText, 0.3) }).threshold).toBe(0.3);
    expect(learnedScorerPolicy({ weights: weightsFor(hardText, 0.3), threshold: 0.7 }).threshold).toBe(0.7);
    expect(policy.threshold).toBe(0.5);
  });

  it('stays out of a locked route and of requests that ask for a tier', () => {
    expect(decideWith(policy, { targets, locked: true })).toEqual({
      type: 'not-applicable',
      reason: 'route already decided; order locked',
    });
    expect(decide(policy, hardText, { tierTag: 1 }).type).toBe('not-applicable');
    expect(decide(policy, easyText, { requestedTier: 3 }).type).toBe('not-applicable');
  });

  it('keeps the order and says so when no target sits on the wanted side', () => {
    const request = chat(hardText);
    const decision = policy.decide({
      request,
      profile: profileRequest(request),
      candidates: [local, large].map(candidateOf),
      locked: false,
      context: { now: () => 0, random: () => 0, health: { health: () => 'unknown' } },
    });
    expect(idsOf(decision)).toEqual(['local-8b', 'local-70b']);
    expect(decision.type === 'ranked' && decision.reason).toMatch(/no cloud target; order kept$/);
  });

  it('loads weights from a file, relative to the base directory', () => {
    const fromFile = learnedScorerPolicy({ weightsPath: 'weights.json' }, { baseDirectory: folder });
    expect(fromFile.threshold).toBe(0.5);
    expect(idsOf(decide(fromFile, hardText))[0]).toBe('gpt-4o');
  });

  it('is registered as learned-scorer and resolves paths against the environment', () => {
    const factory = builtinPolicies['learned-scorer'];
    expect(factory).toBeDefined();
    const built = factory?.({ weightsPath: 'weights.json' }, {
      targets,
      routingTable: { aliases: [], premium: [] },
      baseDirectory: folder,
    } as never);
    expect(built?.name).toBe('learned-scorer');
  });

  it.each([
    [{}, 'options.weightsPath: required: give weightsPath (a weights JSON file) or weights (inline)'],
    [{ weightsPath: 'a.json', weights: {} }, 'options.weightsPath: give weightsPath or weights, not both'],
    [{ weights: weightsFor(hardText), threshold: 1.5 }, 'options.threshold: '],
    [{ weights: { format: 'other' } }, 'options.weights.format: '],
    [{ weightsPath: 'missing.json' }, 'options.weightsPath: file not found: '],
    [{ weightsPath: 'broken.json' }, 'is not valid JSON'],
    [{ weightsPath: 'wrong.json' }, 'indices[0]: must be below 2^hashBits (65536)'],
  ])('names the bad option in %j', (options, message) => {
    expect(() => learnedScorerPolicy(options as never, { baseDirectory: folder })).toThrow(message);
  });
});
