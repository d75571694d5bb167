import { countTokens } from './count-tokens.js';
import type { SeededRandom } from './seeded-random.js';
import type { WorkloadSources } from './workload-sources.js';

/**
 * Text standing in for an earlier assistant answer. The data sets hold user turns but not the
 * answers given to them, so a conversation's earlier answers are filled with real prose (arena
 * prompts, whole ones while they fit, then the start of one more cut at a word boundary) of about
 * `tokens` cl100k tokens, never more than a few over: the right size and texture for routing,
 * though not a reply to the turn before it.
 *
 * @example
 * const reply = standInAnswer(sources, random, 300); // ~300 tokens of real text
 */
export function standInAnswer(sources: WorkloadSources, random: SeededRandom, tokens: number): string {
  const parts: string[] = [];
  let left = tokens;
  for (let attempts = 0; left > 10 && attempts < 50; attempts++) {
    const prompt = random.pick(sources.arenaPrompts).prompt.trim();
    const count = countTokens(prompt) + 1;
    if (count <= left) {
      parts.push(prompt);
      left -= count;
      continue;
    }
    // Cut at the prompt's own characters-per-token ratio, a little short so the count stays under.
    const length = Math.floor((prompt.length * left * 0.95) / count);
    const cut = prompt.lastIndexOf(' ', length);
    parts.push(prompt.slice(0, cut > length / 2 ? cut : length).trim());
    break;
  }
  return parts.join('\n\n');
}
