import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectPairRows } from './bench-row.js';
import { readLabeledRows } from './read-labeled-rows.js';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'switchyard-labeled-'));
});
afterAll(async () => {
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

const base = {
  source: 'arena',
  id: 'a-1',
  category: 'c',
  subcategory: '',
  prompt: 'Hi',
  score_type: 'gpt4_judge_1_10',
  weak_model: 'w',
  strong_model: 's',
};

async function fileWith(lines: readonly string[]): Promise<string> {
  const path = join(folder, `rows-${Math.random().toString(36).slice(2)}.jsonl`);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

describe('readLabeledRows', () => {
  it('reads rows, with earlier turns, token counts and answers', async () => {
    const path = await fileWith([
      JSON.stringify({
        ...base,
        context_turns: ['first'],
        scores: { w: 3, s: 9 },
        prompt_tokens_cl100k: 12,
        output_tokens_cl100k: { w: 40 },
      }),
      '',
    ]);
    const [row] = readLabeledRows(path);
    expect(row).toMatchObject({
      contextTurns: ['first'],
      scores: { w: 3, s: 9 },
      promptTokens: 12,
      outputTokens: { w: 40 },
    });
  });

  it.each([
    ['{ not json', ':1: not valid JSON'],
    [JSON.stringify({ ...base, scores: { w: 'high' } }), ':1: "scores.w" must be a number or null'],
    [JSON.stringify({ ...base, prompt: 3, scores: {} }), ':1: "prompt" must be a string'],
    [JSON.stringify({ ...base }), ':1: "scores" is missing'],
  ])('names the line and the field: %s', async (line, message) => {
    const path = await fileWith([line]);
    expect(() => readLabeledRows(path)).toThrow(message);
  });

  it('says where the public data comes from when the file is missing', () => {
    expect(() => readLabeledRows(join(folder, 'nope.jsonl'))).toThrow(
      /data file not found: .*github\.com\/lm-sys\/RouteLLM/,
    );
  });
});

describe('selectPairRows', () => {
  const rows = [
    { ...base, id: '1', scores: { w: 2, s: 8, other: 5 } },
    { ...base, id: '2', scores: { w: null, s: 8 } },
    { ...base, id: '3', source: 'mmlu', scores: { w: 1 } },
  ];

  it('judges each row on its own pair and counts rows whose pair lacks a score, per source', async () => {
    const selection = selectPairRows(readLabeledRows(await fileWith(rows.map((row) => JSON.stringify(row)))));
    expect(selection.rows.map((row) => [row.row.id, row.weak, row.strong])).toEqual([['1', 2, 8]]);
    expect(selection.skipped).toBe(2);
    expect(selection.skippedBySource).toEqual({ arena: 1, mmlu: 1 });
  });

  it('judges every row on another pair when asked', async () => {
    const selection = selectPairRows(
      readLabeledRows(await fileWith(rows.map((row) => JSON.stringify(row)))),
      {
        weakModel: 'other',
      },
    );
    expect(selection.rows.map((row) => [row.row.id, row.weakModel, row.weak])).toEqual([['1', 'other', 5]]);
  });
});
