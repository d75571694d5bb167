import { countTokens } from '../../workload/count-tokens.js';
import type { LabeledRowJson } from '../labeled-row.js';
import { parseCsv } from './parse-csv.js';
import { canonicalModel, correctnessOf } from './routellm-models.js';

/** Where a response CSV's rows go in the labeled schema. */
export type ResponseCsvSource = {
  /** `routellm/gsm8k`, `routellm/mmlu`. */
  readonly source: string;
  /** Row ids are `<idPrefix>-<row index>` (0-based, as RouteLLM's data frame index). */
  readonly idPrefix: string;
  readonly category: string;
  readonly subcategory: string;
  /** The file, for error messages. */
  readonly file: string;
};

/** Rows with every model's score; the pair is chosen later. */
export type ConvertedRows = {
  readonly rows: Omit<LabeledRowJson, 'weak_model' | 'strong_model'>[];
  /** Models the file scores. */
  readonly models: readonly string[];
};

/**
 * Converts one RouteLLM response CSV (`gsm8k/gsm8k_responses.csv`, `mmlu/responses/mmlu_<domain>.csv`):
 * a `prompt` column, one True/False correctness column per model and, for GSM8K, a
 * `<model>_response` column per model with its answer (whose cl100k tokens become
 * `output_tokens_cl100k`). Scores are `binary_correct` 0/1.
 *
 * @example
 * convertResponseCsv(text, { source: 'routellm/gsm8k', idPrefix: 'gsm8k', category: 'math', subcategory: 'gsm8k', file });
 */
export function convertResponseCsv(text: string, where: ResponseCsvSource): ConvertedRows {
  const table = parseCsv(text);
  const header = table[0];
  if (header === undefined) throw new Error(`${where.file}: empty CSV`);
  const promptColumn = header.indexOf('prompt');
  if (promptColumn < 0) {
    throw new Error(
      `${where.file}: no "prompt" column (columns: ${header.join(', ')}); not a RouteLLM response file`,
    );
  }
  const responseColumns = new Map<string, number>();
  const modelColumns: { model: string; column: number }[] = [];
  header.forEach((name, column) => {
    if (column === promptColumn || name === '' || name === 'Unnamed: 0') return;
    if (name.endsWith('_response'))
      responseColumns.set(canonicalModel(name.slice(0, -'_response'.length)), column);
    else modelColumns.push({ model: canonicalModel(name), column });
  });
  if (modelColumns.length < 2) {
    throw new Error(
      `${where.file}: needs a correctness column for at least two models (columns: ${header.join(', ')})`,
    );
  }
  const rows = table.slice(1).map((cells, index) => {
    const prompt = cells[promptColumn] ?? '';
    const scores: Record<string, number | null> = {};
    const outputTokens: Record<string, number> = {};
    for (const { model, column } of modelColumns) {
      scores[model] = correctnessOf(cells[column]);
      const responseColumn = responseColumns.get(model);
      const response = responseColumn === undefined ? undefined : cells[responseColumn];
      if (response !== undefined && response !== '') outputTokens[model] = countTokens(response);
    }
    return {
      source: where.source,
      id: `${where.idPrefix}-${index}`,
      category: where.category,
      subcategory: where.subcategory,
      prompt,
      score_type: 'binary_correct',
      scores,
      prompt_chars: prompt.length,
      prompt_tokens_cl100k: countTokens(prompt),
      ...(Object.keys(outputTokens).length > 0 ? { output_tokens_cl100k: outputTokens } : {}),
    };
  });
  return { rows, models: modelColumns.map(({ model }) => model) };
}
