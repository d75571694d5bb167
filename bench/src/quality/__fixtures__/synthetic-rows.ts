import { writeFileSync } from 'node:fs';
import { createSeededRandom } from '../../workload/seeded-random.js';
import type { LabeledRowJson } from '../labeled-row.js';

const hardTopics = [
  'the Riemann zeta function',
  'a compact operator',
  'the spectral theorem',
  'a Galois extension',
  'the Hahn–Banach theorem',
];
const easyTopics = [
  'the weather today',
  'a sunny beach',
  'a cup of coffee',
  'a friendly dog',
  'a quiet park',
];
const weak = 'small-local-model';
const strong = 'frontier-cloud-model';

/**
 * Labeled rows in the schema of routing/train.jsonl that a scorer can separate: questions about
 * advanced mathematics (the weak model fails, the strong one succeeds, with `noise` of the labels
 * flipped) and the same question about everyday topics (both succeed). Only the topic words
 * differ, so prompt size and task category cannot tell them apart; a text scorer can. Half are 0/1 scores, half 1–10 judge scores.
 *
 * @example
 * writeSyntheticRows('/tmp/rows.jsonl', syntheticRows(200));
 */
export function syntheticRows(
  count: number,
  options: { seed?: number; noise?: number } = {},
): LabeledRowJson[] {
  const random = createSeededRandom(options.seed ?? 1);
  const noise = options.noise ?? 0.05;
  return Array.from({ length: count }, (_, index) => {
    const hard = index % 2 === 0;
    const judged = index % 4 >= 2;
    const flipped = random.chance(noise);
    const topic = hard ? random.pick(hardTopics) : random.pick(easyTopics);
    const prompt = `Tell me about ${topic} (item ${index}) in one short paragraph.`;
    const strongWins = hard !== flipped;
    const scores = judged
      ? {
          [weak]: strongWins ? 2 + random.integer(0, 2) : 9,
          [strong]: strongWins ? 9 + random.integer(0, 1) : 9,
        }
      : { [weak]: strongWins ? 0 : 1, [strong]: 1 };
    return {
      source: judged ? 'synthetic/judged' : 'synthetic/exact',
      id: `row-${index}`,
      category: hard ? 'advanced' : 'everyday',
      subcategory: '',
      prompt,
      score_type: judged ? 'gpt4_judge_1_10' : 'binary_correct',
      scores,
      weak_model: weak,
      strong_model: strong,
      prompt_chars: prompt.length,
      prompt_tokens_cl100k: Math.ceil(prompt.length / 4),
      output_tokens_cl100k: { [weak]: 50, [strong]: hard ? 400 : 20 },
    };
  });
}

/**
 * Writes rows as JSON Lines.
 *
 * @example
 * writeSyntheticRows(path, syntheticRows(100));
 */
export function writeSyntheticRows(path: string, rows: readonly LabeledRowJson[]): void {
  writeFileSync(path, `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`);
}
