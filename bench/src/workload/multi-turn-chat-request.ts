import type { ChatMessage } from '@switchyard/core';
import { defaultSystemPrompt, samplingOptions } from './sampling-options.js';
import type { SeededRandom } from './seeded-random.js';
import { standInAnswer } from './stand-in-answer.js';
import { defaultWorkloadModel, type GeneratorOptions, type WorkloadItem } from './workload-item.js';
import type { WorkloadSources } from './workload-sources.js';

/**
 * A multi-turn chat from the routing data's multi-turn items (MT-Bench second turns): the earlier
 * user turns from `context_turns`, each followed by an assistant answer, then the item's prompt.
 * The data holds no answers, so each earlier answer is a stand-in of real text 150–600 tokens
 * long (see {@link standInAnswer}).
 *
 * @example
 * const { request } = multiTurnChatRequest(sources, random); // user, assistant, user
 */
export function multiTurnChatRequest(
  sources: WorkloadSources,
  random: SeededRandom,
  options: GeneratorOptions = {},
): WorkloadItem {
  if (sources.multiTurnPrompts.length === 0) {
    throw new Error('the routing data has no multi-turn items (no row with context_turns)');
  }
  const item = random.pick(sources.multiTurnPrompts);
  const messages: ChatMessage[] = [];
  if (random.chance(0.3)) messages.push({ role: 'system', content: defaultSystemPrompt });
  for (const turn of item.contextTurns) {
    messages.push({ role: 'user', content: turn });
    messages.push({ role: 'assistant', content: standInAnswer(sources, random, random.integer(150, 600)) });
  }
  messages.push({ role: 'user', content: item.prompt });
  return {
    kind: 'multi-turn-chat',
    source: item.id,
    request: { model: options.model ?? defaultWorkloadModel, messages, ...samplingOptions(random) },
  };
}
