/** An answer as the live bench keeps it: its text and its tool calls (arguments as sent). */
export type LiveAnswer = {
  readonly text: string;
  readonly toolCalls: readonly { readonly name: string; readonly arguments: string }[];
};

/**
 * How two answers were compared:
 * - `tool-calls`: exact match of the calls (names, and arguments parsed as JSON and made canonical);
 * - `json`: exact match of the parsed JSON, made canonical (keys sorted; strings lower-cased, spacing
 *   collapsed); two answers that are not JSON match only if their texts are equal;
 * - `short-text`: exact match of short answers (≤ {@link shortAnswerWords} words) after
 *   normalisation (Unicode NFKC, lower case, punctuation and spacing removed);
 * - `prose`: token-set Jaccard similarity of the normalised words (|A ∩ B| ÷ |A ∪ B|).
 */
export type AgreementMethod = 'tool-calls' | 'json' | 'short-text' | 'prose';

/** The result of comparing two answers: the method, and a score in [0, 1] (exact ones: 0 or 1). */
export type AnswerAgreement = { readonly method: AgreementMethod; readonly score: number };

/** Answers of at most this many words (both of them) are compared exactly, not by Jaccard. */
export const shortAnswerWords = 8;

/**
 * Compares two answers to the same request. Tool calls on either side → `tool-calls`; a request
 * for JSON (`json` true) → `json` (one answer that parses and one that does not score 0); two short texts →
 * `short-text`; otherwise `prose` by token-set Jaccard.
 *
 * @example
 * compareAnswers({ text: 'Paris.', toolCalls: [] }, { text: 'paris', toolCalls: [] }, { json: false });
 * // { method: 'short-text', score: 1 }
 */
export function compareAnswers(
  first: LiveAnswer,
  second: LiveAnswer,
  options: { readonly json: boolean },
): AnswerAgreement {
  if (first.toolCalls.length > 0 || second.toolCalls.length > 0) {
    return { method: 'tool-calls', score: canonicalCalls(first) === canonicalCalls(second) ? 1 : 0 };
  }
  if (options.json) {
    const left = canonicalJsonText(first.text);
    const right = canonicalJsonText(second.text);
    // Neither is JSON (cut off, say): they agree only if they are the same text.
    const same =
      left === undefined && right === undefined ? first.text.trim() === second.text.trim() : left === right;
    return { method: 'json', score: same ? 1 : 0 };
  }
  const left = answerWords(first.text);
  const right = answerWords(second.text);
  if (left.length <= shortAnswerWords && right.length <= shortAnswerWords) {
    return { method: 'short-text', score: left.join(' ') === right.join(' ') ? 1 : 0 };
  }
  return { method: 'prose', score: tokenSetJaccard(left, right) };
}

/**
 * The words of a text after normalisation: Unicode NFKC, lower case, every run of characters that
 * are not letters or digits treated as a separator.
 *
 * @example
 * answerWords('The answer is: B!'); // ['the', 'answer', 'is', 'b']
 */
export function answerWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

/**
 * Token-set Jaccard similarity of two word lists: distinct words in both ÷ distinct words in
 * either. Two empty lists are identical (1).
 *
 * @example
 * tokenSetJaccard(['hello', 'from', 'vllm'], ['hello', 'from', 'openai']); // 0.5
 */
export function tokenSetJaccard(first: readonly string[], second: readonly string[]): number {
  const left = new Set(first);
  const right = new Set(second);
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared += 1;
  return shared / (left.size + right.size - shared);
}

/**
 * A JSON answer as canonical text (one Markdown fence around it tolerated): object keys sorted,
 * strings NFKC-normalised, lower-cased, spacing collapsed and trimmed. `undefined` when the text
 * is not JSON.
 *
 * @example
 * canonicalJsonText('{"b": 1, "a": " New  York "}'); // '{"a":"new york","b":1}'
 */
export function canonicalJsonText(text: string): string | undefined {
  const trimmed = text.trim();
  const fenced = /^```[a-zA-Z0-9_-]*[ \t]*\r?\n([\s\S]*?)\r?\n?```$/.exec(trimmed);
  try {
    return JSON.stringify(canonicalValue(JSON.parse(fenced?.[1] ?? trimmed)));
  } catch {
    return undefined;
  }
}

function canonicalValue(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonicalValue((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** The calls in a canonical order, arguments canonical (raw text when they are not JSON). */
function canonicalCalls(answer: LiveAnswer): string {
  return JSON.stringify(
    answer.toolCalls
      .map((call) => `${call.name}(${canonicalJsonText(call.arguments) ?? call.arguments.trim()})`)
      .sort(),
  );
}
