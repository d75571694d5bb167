import { countTokens } from '../../workload/count-tokens.js';
import type { LabeledRowJson } from '../labeled-row.js';
import { canonicalModel } from './routellm-models.js';

/** MT-Bench categories by question id (81–160, ten per category), as FastChat's question.jsonl has them. */
const categoryRanges: readonly (readonly [number, string])[] = [
  [90, 'writing'],
  [100, 'roleplay'],
  [110, 'reasoning'],
  [120, 'math'],
  [130, 'coding'],
  [140, 'extraction'],
  [150, 'stem'],
  [160, 'humanities'],
];

/** A question from FastChat's `mt_bench/question.jsonl` (optional input). */
export type MtBenchQuestion = {
  readonly questionId: number;
  readonly category: string;
  readonly turns: readonly string[];
};

/** One judgement line of RouteLLM's `mt_bench/judgements.jsonl` (FastChat single-answer grading). */
type Judgement = {
  readonly questionId: number;
  readonly model: string;
  readonly turn: number;
  readonly score: number;
  readonly userPrompt: string;
};

function between(text: string, start: string, end: string): string | undefined {
  const from = text.indexOf(start);
  if (from < 0) return undefined;
  const to = text.indexOf(end, from + start.length);
  return to < 0 ? undefined : text.slice(from + start.length, to);
}

/** The user turns and the judged answer of a judgement's prompt (single-turn or multi-turn template). */
function readJudgePrompt(judgement: Judgement): { turns: string[]; answer: string | undefined } {
  const prompt = judgement.userPrompt;
  if (judgement.turn === 1) {
    const question = between(prompt, '[Question]\n', '\n\n[The Start of ');
    const answer = between(
      prompt,
      "[The Start of Assistant's Answer]\n",
      "\n[The End of Assistant's Answer]",
    );
    return { turns: question === undefined ? [] : [question], answer };
  }
  const conversation = between(
    prompt,
    "<|The Start of Assistant A's Conversation with User|>",
    "<|The End of Assistant A's Conversation with User|>",
  );
  if (conversation === undefined) return { turns: [], answer: undefined };
  const turns: string[] = [];
  let answer: string | undefined;
  // ['', 'User', text, 'Assistant A', text, …]: split on the role headings only, so headings
  // inside an answer ("### Step 1") stay part of it.
  const parts = conversation.split(/\n\n### (User|Assistant A):\n/);
  for (let index = 1; index + 1 < parts.length; index += 2) {
    const text = (parts[index + 1] as string).trim();
    if (parts[index] === 'User') turns.push(text);
    else answer = text;
  }
  return { turns, answer };
}

function toJudgement(value: unknown, where: string): Judgement {
  const record = value as Record<string, unknown>;
  const questionId = record.question_id;
  const model = record.model;
  const turn = record.turn;
  const score = record.score;
  if (
    typeof questionId !== 'number' ||
    typeof model !== 'string' ||
    (turn !== 1 && turn !== 2) ||
    typeof score !== 'number'
  ) {
    throw new Error(`${where}: not an MT-Bench judgement (needs question_id, model, turn 1|2, score)`);
  }
  return {
    questionId,
    model: canonicalModel(model),
    turn,
    score,
    userPrompt: typeof record.user_prompt === 'string' ? record.user_prompt : '',
  };
}

/**
 * Converts RouteLLM's `mt_bench/judgements.jsonl` (GPT-4 single-answer grades, 1–10, per
 * question, model and turn) into one row per question and turn: `mtbench-<id>-t<turn>`, the
 * turn's user message as the prompt and, for turn 2, turn 1 as `context_turns`. Prompts and
 * categories come from FastChat's `question.jsonl` when given, else from the judge prompts and the
 * standard id ranges (81–90 writing … 151–160 humanities). Scores of −1 (the judge gave no
 * rating) and missing grades become `null`; repeated grades are averaged. Answer lengths come from
 * the judge prompts.
 *
 * @example
 * const { rows, models } = convertMtBench(readFileSync('judgements.jsonl', 'utf8'), 'judgements.jsonl');
 */
export function convertMtBench(
  judgementsText: string,
  file: string,
  questions: readonly MtBenchQuestion[] = [],
): { rows: Omit<LabeledRowJson, 'weak_model' | 'strong_model'>[]; models: string[] } {
  const judgements: Judgement[] = [];
  judgementsText.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new Error(
        `${file}:${index + 1}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    judgements.push(toJudgement(value, `${file}:${index + 1}`));
  });
  const questionsById = new Map(questions.map((question) => [question.questionId, question]));
  const models = [...new Set(judgements.map((judgement) => judgement.model))].sort();
  const items = new Map<string, { questionId: number; turn: number; judgements: Judgement[] }>();
  for (const judgement of judgements) {
    const key = `${judgement.questionId}-${judgement.turn}`;
    const item = items.get(key) ?? { questionId: judgement.questionId, turn: judgement.turn, judgements: [] };
    item.judgements.push(judgement);
    items.set(key, item);
  }
  const ordered = [...items.values()].sort(
    (left, right) => left.questionId - right.questionId || left.turn - right.turn,
  );
  const rows = ordered.map(({ questionId, turn, judgements: graded }) => {
    const known = questionsById.get(questionId);
    let turns = known?.turns.slice(0, turn) ?? [];
    const outputTokens: Record<string, number> = {};
    for (const judgement of graded) {
      const read = readJudgePrompt(judgement);
      if (turns.length < turn && read.turns.length >= turn) turns = read.turns.slice(0, turn);
      if (read.answer !== undefined && outputTokens[judgement.model] === undefined) {
        outputTokens[judgement.model] = countTokens(read.answer);
      }
    }
    if (turns.length < turn) {
      throw new Error(
        `${file}: cannot find the text of question ${questionId} turn ${turn} (pass FastChat's question.jsonl)`,
      );
    }
    const scores: Record<string, number | null> = {};
    for (const model of models) {
      const valid = graded.filter((judgement) => judgement.model === model && judgement.score >= 1);
      scores[model] =
        valid.length === 0 ? null : valid.reduce((sum, judgement) => sum + judgement.score, 0) / valid.length;
    }
    const prompt = turns[turn - 1] as string;
    const contextTurns = turns.slice(0, turn - 1);
    const category = known?.category ?? categoryRanges.find(([last]) => questionId <= last)?.[1] ?? 'unknown';
    return {
      source: 'routellm/mt_bench',
      id: `mtbench-${questionId}-t${turn}`,
      category,
      subcategory: `turn${turn}`,
      prompt,
      context_turns: contextTurns,
      score_type: 'gpt4_judge_1_10',
      scores,
      prompt_chars: prompt.length,
      prompt_tokens_cl100k: [...contextTurns, prompt].reduce((sum, text) => sum + countTokens(text), 0),
      ...(Object.keys(outputTokens).length > 0 ? { output_tokens_cl100k: outputTokens } : {}),
    };
  });
  return { rows, models };
}

/**
 * Reads FastChat's MT-Bench `question.jsonl` (`question_id`, `category`, `turns`).
 *
 * @example
 * const questions = parseMtBenchQuestions(readFileSync('question.jsonl', 'utf8'), 'question.jsonl');
 */
export function parseMtBenchQuestions(text: string, file: string): MtBenchQuestion[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const record = JSON.parse(line) as Record<string, unknown>;
      const turns = record.turns;
      if (typeof record.question_id !== 'number' || !Array.isArray(turns)) {
        throw new Error(`${file}:${index + 1}: not an MT-Bench question (needs question_id and turns)`);
      }
      return {
        questionId: record.question_id,
        category: typeof record.category === 'string' ? record.category : 'unknown',
        turns: turns.map(String),
      };
    });
}
