import type { ChatMessage } from '@switchyard/core';
import { countTokens } from './count-tokens.js';
import { samplingOptions } from './sampling-options.js';
import type { SeededRandom } from './seeded-random.js';
import { standInAnswer } from './stand-in-answer.js';
import { defaultWorkloadModel, type GeneratorOptions, type WorkloadItem } from './workload-item.js';
import type { WorkloadSources } from './workload-sources.js';

/** Settings of {@link longContextRequest}. */
export type LongContextOptions = GeneratorOptions & {
  /** Prompt size to aim for, in cl100k tokens (default: drawn evenly from 6,000–32,000). */
  readonly targetTokens?: number;
  /** Shape of the long context (default: drawn at random). */
  readonly shape?: LongContextShape;
};

/**
 * `document`: pasted material then a question, in one user message. `history`: a long
 * conversation. `tool-reference`: a system prompt carrying API documentation.
 */
export type LongContextShape = 'document' | 'history' | 'tool-reference';

/** Smallest and largest default target, in tokens. */
export const longContextTokenRange = { min: 6_000, max: 32_000 } as const;

const separator = '\n\n---\n\n';
const messageOverhead = 4;

/**
 * A long prompt (up to ~32k cl100k tokens) made of real text: arena prompts pasted as material
 * before a real question, a long conversation of real user turns, or BFCL's API documentation as a
 * system prompt before a BFCL user request. The size stays at or under `targetTokens` (counted
 * exactly per piece with cl100k; joining pieces shifts the total by a few tokens at most).
 *
 * @example
 * const { request } = longContextRequest(sources, random, { targetTokens: 24_000 });
 */
export function longContextRequest(
  sources: WorkloadSources,
  random: SeededRandom,
  options: LongContextOptions = {},
): WorkloadItem {
  const target = options.targetTokens ?? random.integer(longContextTokenRange.min, longContextTokenRange.max);
  const shape = options.shape ?? random.pick(['document', 'document', 'history', 'tool-reference'] as const);
  const question = shortPrompt(sources, random);
  let budget = target - countTokens(question.prompt) - 2 * messageOverhead;
  const messages: ChatMessage[] = [];
  let source = question.id;

  if (shape === 'tool-reference') {
    const classes = random.shuffled([...sources.functionDocs.keys()]);
    const parts: string[] = [];
    for (const className of classes) {
      const part = `## ${className}\n${JSON.stringify(sources.functionDocs.get(className), null, 1)}`;
      const cost = countTokens(part) + 4;
      if (cost > budget) continue;
      parts.push(part);
      budget -= cost;
    }
    const fill = fillWithPrompts(sources, random, budget);
    messages.push({ role: 'system', content: [...parts, ...fill].join(separator) });
    const item = random.pick(sources.chainItems);
    const ask = item.turns.find((turn) => turn.length > 0)?.[0]?.content ?? question.prompt;
    messages.push({ role: 'user', content: ask });
    source = `${item.id}+tool-docs`;
  } else if (shape === 'history') {
    for (let misses = 0; misses < 200 && budget > 1_000; ) {
      const turn = random.pick(sources.arenaPrompts);
      const answerTokens = random.integer(150, 600);
      const cost = countTokens(turn.prompt) + answerTokens + 2 * messageOverhead + 20;
      if (cost > budget) {
        misses++;
        continue;
      }
      messages.push({ role: 'user', content: turn.prompt });
      messages.push({ role: 'assistant', content: standInAnswer(sources, random, answerTokens) });
      budget -= cost;
    }
    messages.push({ role: 'user', content: question.prompt });
  } else {
    const material = fillWithPrompts(sources, random, budget);
    messages.push({ role: 'user', content: [...material, question.prompt].join(separator) });
  }
  return {
    kind: 'long-context',
    source: `${shape}:${source}`,
    request: { model: options.model ?? defaultWorkloadModel, messages, ...samplingOptions(random) },
  };
}

/** Real prompts, picked at random, whose token counts (plus separators) fit in `budget`. */
function fillWithPrompts(sources: WorkloadSources, random: SeededRandom, budget: number): string[] {
  const picked: string[] = [];
  let left = budget;
  for (let misses = 0; misses < 200 && left > 50; ) {
    const prompt = random.pick(sources.arenaPrompts).prompt;
    const cost = countTokens(prompt) + 4;
    if (cost > left) {
      misses++;
      continue;
    }
    picked.push(prompt);
    left -= cost;
  }
  return picked;
}

/** A real question short enough to close a long context (under 300 tokens). */
function shortPrompt(sources: WorkloadSources, random: SeededRandom): { id: string; prompt: string } {
  for (;;) {
    const prompt = random.pick(sources.arenaPrompts);
    if (countTokens(prompt.prompt) < 300)
      return { id: `${prompt.source}:${prompt.id}`, prompt: prompt.prompt };
  }
}
