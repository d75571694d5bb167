import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLabeledRows } from '../read-labeled-rows.js';
import { importRouteLlm, writeLabeledRows } from './import-route-llm.js';

const fixtures = fileURLToPath(new URL('./__fixtures__/routellm', import.meta.url));
const mixtral = 'mistralai/Mixtral-8x7B-Instruct-v0.1';
const gpt4 = 'gpt-4-1106-preview';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'switchyard-routellm-'));
});
afterAll(async () => {
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

describe('importRouteLlm', () => {
  const result = importRouteLlm({ directory: fixtures });
  const byId = new Map(result.rows.map((row) => [row.id, row]));

  it('reads every supported file and names the ones it cannot read', () => {
    expect(result.filesRead).toEqual([
      'gsm8k/gsm8k_responses.csv',
      'mmlu/responses/mmlu_abstract_algebra.csv',
      'mmlu/responses/mmlu_virology.csv',
      'mt_bench/judgements.jsonl',
    ]);
    expect(result.counts).toEqual({ 'routellm/gsm8k': 3, 'routellm/mmlu': 3, 'routellm/mt_bench': 3 });
    expect(result.unsupported).toEqual([expect.stringMatching(/^mt_bench\/cache\.npy \(NumPy array/)]);
  });

  it('turns GSM8K correctness columns into 0/1 scores with RouteLLM’s row ids and answer lengths', () => {
    const row = byId.get('gsm8k-2');
    expect(row).toMatchObject({
      source: 'routellm/gsm8k',
      category: 'math',
      subcategory: 'gsm8k',
      score_type: 'binary_correct',
      scores: { [mixtral]: 0, [gpt4]: 0 },
      weak_model: mixtral,
      strong_model: gpt4,
      prompt_chars: 181,
      prompt_tokens_cl100k: 49,
    });
    expect(row?.prompt.startsWith('Josh decides to try flipping a house.  He buys')).toBe(true);
    expect(byId.get('gsm8k-1')?.scores).toEqual({ [mixtral]: 0, [gpt4]: 1 });
    expect(byId.get('gsm8k-0')?.output_tokens_cl100k?.[mixtral]).toBeGreaterThan(10);
  });

  it('reads MMLU files per domain, whatever name the Mixtral column has', () => {
    expect(byId.get('mmlu-abstract_algebra-1')).toMatchObject({
      category: 'knowledge_mcq',
      subcategory: 'abstract_algebra',
      scores: { [mixtral]: 0, [gpt4]: 1 },
    });
    expect(byId.get('mmlu-abstract_algebra-0')?.prompt).toMatch(
      /^Find the degree .*\nA\. 0\nB\. 4\nC\. 2\nD\. 6\nAnswer:$/s,
    );
    expect(byId.get('mmlu-virology-0')?.scores).toEqual({ [mixtral]: 1, [gpt4]: 0 });
  });

  it('makes one MT-Bench row per question and turn, with turn 1 as context of turn 2', () => {
    expect(byId.get('mtbench-81-t1')).toMatchObject({
      category: 'writing',
      subcategory: 'turn1',
      score_type: 'gpt4_judge_1_10',
      context_turns: [],
      scores: { [gpt4]: 10, [mixtral]: 8 },
    });
    const second = byId.get('mtbench-81-t2');
    expect(second?.prompt).toBe('Take a moment to evaluate and critique your own response.');
    expect(second?.context_turns).toEqual([byId.get('mtbench-81-t1')?.prompt]);
    expect(second?.scores).toEqual({ [gpt4]: 9, [mixtral]: 4 });
    expect(second?.output_tokens_cl100k?.[gpt4]).toBeGreaterThan(8); // "### Strengths" stays in the answer
  });

  it('treats a judge score of −1 as no score', () => {
    expect(byId.get('mtbench-117-t1')).toMatchObject({
      category: 'math',
      scores: { [gpt4]: 10, [mixtral]: null },
    });
  });

  it('leaves out contaminated prompts when asked', () => {
    const clean = importRouteLlm({ directory: fixtures, excludeContaminated: true });
    expect(clean.contaminated).toEqual({ 'routellm/gsm8k': 1 });
    expect(clean.rows.some((row) => row.id === 'gsm8k-1')).toBe(false);
  });

  it('writes rows the quality bench reads back', async () => {
    const path = join(folder, 'routellm.jsonl');
    writeLabeledRows(path, result.rows);
    const rows = readLabeledRows(path);
    expect(rows).toHaveLength(9);
    expect(rows.find((row) => row.id === 'mtbench-81-t2')?.contextTurns).toHaveLength(1);
    expect((await readFile(path, 'utf8')).split('\n').length).toBe(10);
  });

  it('names the models a file has when the pair is not among them', () => {
    expect(() => importRouteLlm({ directory: fixtures, weakModel: 'llama-2-70b' })).toThrow(
      /gsm8k_responses\.csv: has no scores for llama-2-70b \(models: mistralai\/Mixtral-8x7B-Instruct-v0\.1, gpt-4-1106-preview\)/,
    );
  });

  it('says what it looks for in a folder without eval files', async () => {
    const empty = join(folder, 'empty');
    await cp(join(fixtures, 'evals', 'mt_bench', 'cache.npy'), join(empty, 'cache.npy'), { recursive: true });
    expect(() => importRouteLlm({ directory: empty })).toThrow(/no gsm8k\/, mmlu\/ or mt_bench\/ folder/);
  });

  it('rejects a CSV that is not a response file', async () => {
    const bad = join(folder, 'bad', 'gsm8k');
    await cp(join(fixtures, 'evals', 'gsm8k'), bad, { recursive: true });
    await writeFile(join(bad, 'gsm8k_responses.csv'), 'question,answer\nx,y\n');
    expect(() => importRouteLlm({ directory: join(folder, 'bad') })).toThrow(/no "prompt" column/);
  });
});
