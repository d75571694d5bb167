import { answerText, type QualityGate } from './quality-gate.js';

/**
 * Fails an answer whose text (trimmed) is shorter than `minLength` characters (default 1: empty)
 * and that makes no tool call — a model that stopped at once or produced only whitespace.
 *
 * @example
 * createRouter({ …, qualityGates: [emptyAnswerGate({ minLength: 20 })] });
 */
export function emptyAnswerGate(options: { readonly minLength?: number } = {}): QualityGate {
  const minLength = options.minLength ?? 1;
  return {
    name: 'empty-answer',
    check(completion) {
      const choice = completion.choices[0];
      if (choice?.message.tool_calls !== undefined && choice.message.tool_calls.length > 0)
        return { ok: true };
      const length = answerText(completion).trim().length;
      if (length >= minLength) return { ok: true };
      return {
        ok: false,
        reason: length === 0 ? 'empty answer' : `answer of ${length} characters, below ${minLength}`,
      };
    },
  };
}
