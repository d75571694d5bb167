import type { ChatMessage, ChatRequest } from '@switchyard/core';
import { convertBfclFunction } from './convert-bfcl-function.js';
import { samplingOptions } from './sampling-options.js';
import type { SeededRandom } from './seeded-random.js';
import { defaultWorkloadModel, type GeneratorOptions, type WorkloadItem } from './workload-item.js';
import { type BfclToolItem, bfclToolCategories, type WorkloadSources } from './workload-sources.js';

const itemsByCategory = new WeakMap<WorkloadSources, Map<string, readonly BfclToolItem[]>>();

/**
 * A request offering real tools and asking for a call: 70 % from BFCL's single-turn categories
 * (a category chosen evenly, then an item: 1–37 tools, simple, multiple, parallel, live, and
 * irrelevance items where no tool fits), 30 % the first turn of a BFCL multi-turn item with all
 * tools of its API classes (17–39). `tool_choice` is usually left to the model.
 *
 * @example
 * const { request } = toolCallRequest(sources, random);
 * request.tools?.length; // 1…39
 */
export function toolCallRequest(
  sources: WorkloadSources,
  random: SeededRandom,
  options: GeneratorOptions = {},
): WorkloadItem {
  const model = options.model ?? defaultWorkloadModel;
  if (random.chance(0.3)) {
    const item = random.pick(sources.chainItems);
    const firstTurn = item.turns.findIndex((turn) => turn.length > 0);
    const heldBack = new Set([...item.heldBack.values()].flat());
    const request: ChatRequest = {
      model,
      messages: [...(item.turns[firstTurn] ?? [])] as ChatMessage[],
      tools: item.functions.filter((doc) => !heldBack.has(doc.name)).map(convertBfclFunction),
      ...toolOptions(random, false),
      ...samplingOptions(random),
    };
    return { kind: 'tool-call', source: `${item.id}#turn${firstTurn}`, request };
  }
  const category = random.pick(bfclToolCategories);
  const item = random.pick(toolItemsIn(sources, category));
  const request: ChatRequest = {
    model,
    messages: [...item.messages] as ChatMessage[],
    tools: item.functions.map(convertBfclFunction),
    ...toolOptions(random, category.includes('parallel')),
    ...samplingOptions(random),
  };
  return { kind: 'tool-call', source: item.id, request };
}

function toolOptions(
  random: SeededRandom,
  parallel: boolean,
): Pick<ChatRequest, 'tool_choice' | 'parallel_tool_calls'> {
  const roll = random.next();
  const choice: Pick<ChatRequest, 'tool_choice'> =
    roll < 0.2 ? { tool_choice: 'auto' } : roll < 0.3 ? { tool_choice: 'required' } : {};
  return parallel && random.chance(0.5) ? { ...choice, parallel_tool_calls: true } : choice;
}

function toolItemsIn(sources: WorkloadSources, category: string): readonly BfclToolItem[] {
  let grouped = itemsByCategory.get(sources);
  if (!grouped) {
    const groups = new Map<string, BfclToolItem[]>();
    for (const item of sources.toolItems) {
      const group = groups.get(item.category) ?? [];
      group.push(item);
      groups.set(item.category, group);
    }
    grouped = groups;
    itemsByCategory.set(sources, grouped);
  }
  const items = grouped.get(category);
  if (!items || items.length === 0) throw new Error(`no BFCL items with tools in category '${category}'`);
  return items;
}
