import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { LabeledRowJson } from '../labeled-row.js';
import { convertMtBench, parseMtBenchQuestions } from './convert-mt-bench.js';
import { type ConvertedRows, convertResponseCsv } from './convert-response-csv.js';
import { routeLlmPair } from './routellm-models.js';

/** Settings of {@link importRouteLlm}. */
export type ImportRouteLlmOptions = {
  /** RouteLLM checkout, its `routellm/evals/` folder, or a folder with `gsm8k/`, `mmlu/`, `mt_bench/`. */
  readonly directory: string;
  /** The pair written as `weak_model` / `strong_model` (default RouteLLM's: Mixtral-8x7B vs gpt-4-1106-preview). */
  readonly weakModel?: string;
  readonly strongModel?: string;
  /** Leave out the prompts RouteLLM lists in each benchmark's `contaminated_prompts.jsonl`. */
  readonly excludeContaminated?: boolean;
};

/** What an import read, wrote and left out. */
export type ImportRouteLlmResult = {
  readonly rows: LabeledRowJson[];
  /** Rows per source. */
  readonly counts: Readonly<Record<string, number>>;
  /** Rows left out as contaminated, per source. */
  readonly contaminated: Readonly<Record<string, number>>;
  /** Files read, relative to the directory. */
  readonly filesRead: readonly string[];
  /** Files found but not supported, with the reason. */
  readonly unsupported: readonly string[];
};

/** Binary Python formats RouteLLM's evals may also hold; they are not read (no pickle in Node). */
const binaryFormats: Readonly<Record<string, string>> = {
  '.pkl':
    'Python pickle: convert with pandas, e.g. pd.read_pickle(path).to_csv(path_with_csv_suffix, index=False)',
  '.npy': "NumPy array (RouteLLM's router score cache), not eval data",
};

function evalsRoot(directory: string): string {
  for (const candidate of [directory, join(directory, 'routellm', 'evals'), join(directory, 'evals')]) {
    if (['gsm8k', 'mmlu', 'mt_bench'].some((name) => existsSync(join(candidate, name)))) return candidate;
  }
  throw new Error(
    `${directory}: no gsm8k/, mmlu/ or mt_bench/ folder here, in routellm/evals/ or in evals/. ` +
      'Point at a checkout of github.com/lm-sys/RouteLLM (its eval files are in routellm/evals/).',
  );
}

function contaminatedPrompts(folder: string): Set<string> {
  const path = join(folder, 'contaminated_prompts.jsonl');
  if (!existsSync(path)) return new Set();
  return new Set(
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => String((JSON.parse(line) as { eval_prompt?: unknown }).eval_prompt ?? '')),
  );
}

function unsupportedIn(folder: string, root: string): string[] {
  if (!existsSync(folder)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...unsupportedIn(path, root));
    else {
      const extension = entry.name.slice(entry.name.lastIndexOf('.'));
      const reason = binaryFormats[extension];
      if (reason !== undefined) found.push(`${relative(root, path)} (${reason})`);
    }
  }
  return found;
}

/**
 * Converts RouteLLM's published eval files into labeled rows in the schema of routing/train.jsonl:
 * `gsm8k/gsm8k_responses.csv` and `mmlu/responses/mmlu_<domain>.csv` (True/False correctness per
 * model → `binary_correct`) and `mt_bench/judgements.jsonl` (GPT-4 grades 1–10 →
 * `gpt4_judge_1_10`; prompts from the judge prompts or FastChat's `mt_bench/question.jsonl`).
 * Prompt and answer tokens are counted with cl100k. Pickles (`.pkl`) and score caches (`.npy`)
 * are listed as unsupported. Throws when the pair's models are not in a file.
 *
 * @example
 * const { rows, counts } = importRouteLlm({ directory: '~/src/RouteLLM' });
 */
export function importRouteLlm(options: ImportRouteLlmOptions): ImportRouteLlmResult {
  const directory = resolve(options.directory);
  const root = evalsRoot(directory);
  const weak = options.weakModel ?? routeLlmPair.weak;
  const strong = options.strongModel ?? routeLlmPair.strong;
  const rows: LabeledRowJson[] = [];
  const counts: Record<string, number> = {};
  const contaminated: Record<string, number> = {};
  const filesRead: string[] = [];

  const add = (
    converted: ConvertedRows,
    file: string,
    folder: string,
    source: string,
    turnsOf: (row: LabeledRowJson) => string[],
  ) => {
    for (const model of [weak, strong]) {
      if (!converted.models.includes(model)) {
        throw new Error(
          `${file}: has no scores for ${model} (models: ${converted.models.join(', ')}); pass --weak/--strong`,
        );
      }
    }
    const excluded = options.excludeContaminated === true ? contaminatedPrompts(folder) : new Set<string>();
    filesRead.push(relative(root, file));
    for (const partial of converted.rows) {
      const row: LabeledRowJson = { ...partial, weak_model: weak, strong_model: strong };
      if (turnsOf(row).some((turn) => excluded.has(turn))) {
        contaminated[source] = (contaminated[source] ?? 0) + 1;
        continue;
      }
      rows.push(row);
      counts[source] = (counts[source] ?? 0) + 1;
    }
  };
  const promptOnly = (row: LabeledRowJson) => [row.prompt];

  const gsm8kFolder = join(root, 'gsm8k');
  const gsm8kFile = join(gsm8kFolder, 'gsm8k_responses.csv');
  if (existsSync(gsm8kFile)) {
    const converted = convertResponseCsv(readFileSync(gsm8kFile, 'utf8'), {
      source: 'routellm/gsm8k',
      idPrefix: 'gsm8k',
      category: 'math',
      subcategory: 'gsm8k',
      file: gsm8kFile,
    });
    add(converted, gsm8kFile, gsm8kFolder, 'routellm/gsm8k', promptOnly);
  }

  const mmluFolder = join(root, 'mmlu');
  const responses = join(mmluFolder, 'responses');
  if (existsSync(responses)) {
    const files = readdirSync(responses)
      .filter((name) => /^mmlu_.+\.csv$/.test(name))
      .sort();
    for (const name of files) {
      const domain = name.slice('mmlu_'.length, -'.csv'.length);
      const file = join(responses, name);
      const converted = convertResponseCsv(readFileSync(file, 'utf8'), {
        source: 'routellm/mmlu',
        idPrefix: `mmlu-${domain}`,
        category: 'knowledge_mcq',
        subcategory: domain,
        file,
      });
      add(converted, file, mmluFolder, 'routellm/mmlu', promptOnly);
    }
  }

  const mtBenchFolder = join(root, 'mt_bench');
  const judgements = join(mtBenchFolder, 'judgements.jsonl');
  if (existsSync(judgements)) {
    const questionsFile = join(mtBenchFolder, 'question.jsonl');
    const questions = existsSync(questionsFile)
      ? parseMtBenchQuestions(readFileSync(questionsFile, 'utf8'), questionsFile)
      : [];
    const converted = convertMtBench(readFileSync(judgements, 'utf8'), judgements, questions);
    add(converted, judgements, mtBenchFolder, 'routellm/mt_bench', (row) => [
      ...(row.context_turns ?? []),
      row.prompt,
    ]);
  }

  if (filesRead.length === 0) {
    throw new Error(
      `${root}: found none of gsm8k/gsm8k_responses.csv, mmlu/responses/mmlu_*.csv, mt_bench/judgements.jsonl`,
    );
  }
  return { rows, counts, contaminated, filesRead, unsupported: unsupportedIn(root, root) };
}

/**
 * Writes labeled rows as JSON Lines.
 *
 * @example
 * writeLabeledRows('routellm.jsonl', result.rows);
 */
export function writeLabeledRows(path: string, rows: readonly LabeledRowJson[]): void {
  writeFileSync(path, rows.map((row) => JSON.stringify(row)).join('\n') + (rows.length > 0 ? '\n' : ''));
}
