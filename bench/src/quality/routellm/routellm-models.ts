/** RouteLLM's evaluated pair (routellm/model_pair.py and the eval files). */
export const routeLlmPair = {
  weak: 'mistralai/Mixtral-8x7B-Instruct-v0.1',
  strong: 'gpt-4-1106-preview',
} as const;

/** Older RouteLLM eval files name Mixtral in lower case; train.jsonl uses the Hugging Face id. */
const modelAliases: Readonly<Record<string, string>> = {
  'mixtral-8x7b-instruct-v0.1': 'mistralai/Mixtral-8x7B-Instruct-v0.1',
};

/**
 * A model id as the labeled schema writes it (the Hugging Face id where RouteLLM used a short one).
 *
 * @example
 * canonicalModel('mixtral-8x7b-instruct-v0.1'); // 'mistralai/Mixtral-8x7B-Instruct-v0.1'
 */
export function canonicalModel(model: string): string {
  return modelAliases[model] ?? model;
}

/**
 * A RouteLLM correctness cell (`True`/`False` as pandas writes booleans, or 1/0) as 1/0;
 * `null` for an empty or unreadable cell.
 *
 * @example
 * correctnessOf('True'); // 1
 */
export function correctnessOf(cell: string | undefined): number | null {
  const value = cell?.trim().toLowerCase();
  if (value === 'true' || value === '1' || value === '1.0') return 1;
  if (value === 'false' || value === '0' || value === '0.0') return 0;
  return null;
}
