/**
 * One labeled prompt, in the schema of `routing/train.jsonl`: a prompt (with earlier user turns
 * for multi-turn items), the score each model got on it, and the suggested weak/strong pair.
 */
export type LabeledRow = {
  readonly source: string;
  readonly id: string;
  readonly category: string;
  readonly subcategory: string;
  readonly prompt: string;
  /** Earlier user turns of a multi-turn item, oldest first. */
  readonly contextTurns: readonly string[];
  /** `binary_correct` (0/1), `gpt4_judge_1_10` (1–10), `gpt4_judge_1_10_with_reference` (1–10), … */
  readonly scoreType: string;
  /** Score per model id; `null` where the model has no judged answer. */
  readonly scores: Readonly<Record<string, number | null>>;
  readonly weakModel: string;
  readonly strongModel: string;
  /** cl100k tokens of prompt + context, when the file has them. */
  readonly promptTokens: number | undefined;
  /** cl100k tokens of each model's answer, where answers exist. */
  readonly outputTokens: Readonly<Record<string, number>>;
};

/** A row as written in the JSONL file (snake_case). */
export type LabeledRowJson = {
  source: string;
  id: string;
  category: string;
  subcategory: string;
  prompt: string;
  context_turns?: string[];
  score_type: string;
  scores: Record<string, number | null>;
  weak_model: string;
  strong_model: string;
  prompt_chars?: number;
  prompt_tokens_cl100k?: number;
  output_tokens_cl100k?: Record<string, number>;
};

function fail(where: string, problem: string): never {
  throw new Error(`${where}: ${problem}`);
}

function stringField(value: Record<string, unknown>, key: string, where: string, optional = false): string {
  const field = value[key];
  if (field === undefined && optional) return '';
  if (typeof field !== 'string') fail(where, `"${key}" must be a string`);
  return field;
}

function numberRecord(
  value: unknown,
  key: string,
  where: string,
  allowNull: boolean,
): Record<string, number | null> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    fail(where, `"${key}" must be an object of model id → number`);
  }
  const out: Record<string, number | null> = {};
  for (const [model, score] of Object.entries(value)) {
    if (score === null && allowNull) out[model] = null;
    else if (typeof score === 'number' && Number.isFinite(score)) out[model] = score;
    else fail(where, `"${key}.${model}" must be a number${allowNull ? ' or null' : ''}`);
  }
  return out;
}

/**
 * Validates one parsed JSONL value as a {@link LabeledRow}. `where` (file:line) starts every
 * error message.
 *
 * @example
 * const row = toLabeledRow(JSON.parse(line), 'train.jsonl:12');
 */
export function toLabeledRow(value: unknown, where: string): LabeledRow {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(where, 'not a JSON object');
  const record = value as Record<string, unknown>;
  const contextTurns = record.context_turns ?? [];
  if (!Array.isArray(contextTurns) || contextTurns.some((turn) => typeof turn !== 'string')) {
    fail(where, '"context_turns" must be an array of strings');
  }
  const promptTokens = record.prompt_tokens_cl100k;
  if (promptTokens !== undefined && !(typeof promptTokens === 'number' && promptTokens >= 0)) {
    fail(where, '"prompt_tokens_cl100k" must be a non-negative number');
  }
  if (record.scores === undefined) fail(where, '"scores" is missing');
  return {
    source: stringField(record, 'source', where),
    id: stringField(record, 'id', where),
    category: stringField(record, 'category', where, true),
    subcategory: stringField(record, 'subcategory', where, true),
    prompt: stringField(record, 'prompt', where),
    contextTurns: contextTurns as string[],
    scoreType: stringField(record, 'score_type', where),
    scores: numberRecord(record.scores, 'scores', where, true),
    weakModel: stringField(record, 'weak_model', where),
    strongModel: stringField(record, 'strong_model', where),
    promptTokens: promptTokens as number | undefined,
    outputTokens: numberRecord(record.output_tokens_cl100k, 'output_tokens_cl100k', where, false) as Record<
      string,
      number
    >,
  };
}
