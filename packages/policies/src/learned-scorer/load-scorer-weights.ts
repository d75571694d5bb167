import { readFileSync } from 'node:fs';
import { formatIssues, InvalidConfigError } from '@switchyard/core';
import { type ScorerWeights, scorerWeightsSchema } from './scorer-weights.js';

/**
 * Validates difficulty-scorer weights (a parsed JSON value). Throws {@link InvalidConfigError}
 * whose issues start with `prefix` (`options.weights.indices[3]: must be below 2^hashBits …`).
 *
 * @example
 * const weights = parseScorerWeights(JSON.parse(text), 'options.weights.');
 */
export function parseScorerWeights(value: unknown, prefix: string): ScorerWeights {
  const result = scorerWeightsSchema.safeParse(value);
  if (result.success) return result.data;
  const issues = formatIssues(result.error.issues).map((line) => `${prefix}${line}`);
  throw new InvalidConfigError({
    message: `invalid options for policy 'learned-scorer': ${issues.join('; ')}`,
    issues,
  });
}

/**
 * Reads and validates a difficulty-scorer weights file (JSON, written by `switchyard bench tune`
 * or `switchyard bench train-scorer`). Synchronous, because policies are built synchronously when
 * a config is loaded. Throws {@link InvalidConfigError} naming `options.weightsPath` when the file
 * is missing, is not JSON, or is not a weights file.
 *
 * @example
 * const weights = loadScorerWeights('/etc/switchyard/scorer/difficulty.json');
 */
export function loadScorerWeights(path: string): ScorerWeights {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const problem = code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? 'unknown error'})`;
    const issue = `options.weightsPath: ${problem}: ${path}`;
    throw new InvalidConfigError({
      message: `invalid options for policy 'learned-scorer': ${issue}`,
      issues: [issue],
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const issue = `options.weightsPath: ${path} is not valid JSON (${detail})`;
    throw new InvalidConfigError({
      message: `invalid options for policy 'learned-scorer': ${issue}`,
      issues: [issue],
    });
  }
  return parseScorerWeights(value, `options.weightsPath: ${path}: `);
}
