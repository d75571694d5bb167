import type { ChatMessage } from '@switchyard/core';
import { defaultSystemPrompt, samplingOptions } from './sampling-options.js';
import type { SeededRandom } from './seeded-random.js';
import { defaultWorkloadModel, type GeneratorOptions, type WorkloadItem } from './workload-item.js';
import type { RoutingPrompt, WorkloadSources } from './workload-sources.js';

/**
 * Where single prompts are drawn from, and how often: hard real user prompts (Arena-Hard) for
 * half, the rest from the labeled routing sets (multiple choice, grade-school math, arena-bench,
 * MT-Bench first turns), so short and long, easy and hard prompts all appear.
 */
const promptMix = [
  { source: 'arena-hard', share: 0.5 },
  { source: 'routellm/mmlu', share: 0.2 },
  { source: 'routellm/gsm8k', share: 0.15 },
  { source: 'arena-bench-v1', share: 0.1 },
  { source: 'routellm/mt_bench', share: 0.05 },
] as const;

const promptsBySource = new WeakMap<WorkloadSources, Map<string, readonly RoutingPrompt[]>>();

/**
 * A single-turn chat with a real user prompt, sometimes behind the common default system prompt,
 * with the sampling options real clients vary.
 *
 * @example
 * const { request } = plainChatRequest(loadWorkloadSources(sharedDir), createSeededRandom(1));
 */
export function plainChatRequest(
  sources: WorkloadSources,
  random: SeededRandom,
  options: GeneratorOptions = {},
): WorkloadItem {
  const { id, prompt } = pickPrompt(sources, random);
  const messages: ChatMessage[] = [];
  if (random.chance(0.3)) messages.push({ role: 'system', content: defaultSystemPrompt });
  messages.push({ role: 'user', content: prompt });
  return {
    kind: 'plain-chat',
    source: id,
    request: { model: options.model ?? defaultWorkloadModel, messages, ...samplingOptions(random) },
  };
}

function pickPrompt(sources: WorkloadSources, random: SeededRandom): { id: string; prompt: string } {
  let roll = random.next();
  for (const { source, share } of promptMix) {
    roll -= share;
    if (roll >= 0) continue;
    if (source === 'arena-hard') {
      const arena = random.pick(sources.arenaPrompts);
      return { id: `${arena.source}:${arena.id}`, prompt: arena.prompt };
    }
    const pool = singleTurnPrompts(sources).get(source);
    if (pool && pool.length > 0) {
      const row = random.pick(pool);
      return { id: row.id, prompt: row.prompt };
    }
  }
  const arena = random.pick(sources.arenaPrompts);
  return { id: `${arena.source}:${arena.id}`, prompt: arena.prompt };
}

function singleTurnPrompts(sources: WorkloadSources): Map<string, readonly RoutingPrompt[]> {
  let grouped = promptsBySource.get(sources);
  if (grouped) return grouped;
  const groups = new Map<string, RoutingPrompt[]>();
  for (const prompt of sources.routingPrompts) {
    if (prompt.contextTurns.length > 0) continue;
    const group = groups.get(prompt.source) ?? [];
    group.push(prompt);
    groups.set(prompt.source, group);
  }
  grouped = groups;
  promptsBySource.set(sources, grouped);
  return grouped;
}
