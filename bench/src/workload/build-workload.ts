import type { ChatRequest } from '@switchyard/core';
import { applyRoutingHints, defaultRoutingHintRates, type RoutingHintRates } from './apply-routing-hints.js';
import { imageRequest } from './image-request.js';
import { longContextRequest } from './long-context-request.js';
import { multiTurnChatRequest } from './multi-turn-chat-request.js';
import { plainChatRequest } from './plain-chat-request.js';
import { createSeededRandom, type SeededRandom } from './seeded-random.js';
import { structuredOutputRequest } from './structured-output-request.js';
import { toolCallRequest } from './tool-call-request.js';
import { toolChainRequest } from './tool-chain-request.js';
import {
  defaultWorkloadModel,
  type GeneratorOptions,
  type WorkloadItem,
  type WorkloadKind,
} from './workload-item.js';
import { loadWorkloadSources, type WorkloadSources } from './workload-sources.js';

/** Settings of {@link buildWorkload}. */
export type WorkloadOptions = {
  /** The shared data folder (`sharedDataDirectory()`). */
  readonly sharedDir: string;
  /** Number of requests (default 1,200). */
  readonly size?: number;
  /** Seed of the pseudo-random choices (default 1). The same seed gives the same workload. */
  readonly seed?: number;
  /**
   * The requests' `model` names and their shares (default `{ auto: 1 }`), e.g.
   * `{ auto: 0.85, 'local/qwen2.5-14b': 0.1, 'gpt-4o': 0.05 }` to exercise a routing table.
   */
  readonly models?: Readonly<Record<string, number>>;
  /** Share of each kind of request (default {@link defaultWorkloadMix}); shares are normalised. */
  readonly mix?: Readonly<Record<WorkloadKind, number>>;
  /** How often routing hints are added (default {@link defaultRoutingHintRates}). */
  readonly hintRates?: RoutingHintRates;
};

/** The default size of the workload. */
export const defaultWorkloadSize = 1_200;

/**
 * The default mix: mostly chat, a large share of tool use (single calls and chains in progress),
 * structured output, some long contexts and a few images — the traffic of an application that
 * uses an LLM for chat, agents and extraction.
 */
export const defaultWorkloadMix: Readonly<Record<WorkloadKind, number>> = {
  'plain-chat': 0.35,
  'multi-turn-chat': 0.1,
  'tool-call': 0.18,
  'tool-chain': 0.15,
  'structured-output': 0.12,
  'long-context': 0.07,
  image: 0.03,
};

type Generator = (sources: WorkloadSources, random: SeededRandom, options: GeneratorOptions) => WorkloadItem;

const generators: Readonly<Record<WorkloadKind, Generator>> = {
  'plain-chat': plainChatRequest,
  'multi-turn-chat': multiTurnChatRequest,
  'tool-call': toolCallRequest,
  'tool-chain': toolChainRequest,
  'structured-output': structuredOutputRequest,
  'long-context': longContextRequest,
  image: imageRequest,
};

/**
 * Builds the realistic request workload as labeled items: each kind gets its share of `size`
 * (rounding leftovers go to plain chat), routing hints are added to a minority, and the order is
 * shuffled. Deterministic for a seed; every request passes `parseChatRequest`.
 *
 * @example
 * const items = buildWorkloadItems({ sharedDir: sharedDataDirectory(), size: 1_200, seed: 7 });
 * items.filter((item) => item.kind === 'tool-chain').length; // 180
 */
export function buildWorkloadItems(options: WorkloadOptions): WorkloadItem[] {
  const size = options.size ?? defaultWorkloadSize;
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`size must be a positive integer, got ${size}`);
  const sources = loadWorkloadSources(options.sharedDir);
  const random = createSeededRandom(options.seed ?? 1);
  const counts = kindCounts(size, options.mix ?? defaultWorkloadMix);
  const pickModel = modelPicker(options.models ?? { [defaultWorkloadModel]: 1 }, random);
  const items: WorkloadItem[] = [];
  for (const [kind, count] of counts) {
    for (let index = 0; index < count; index++) {
      const item = generators[kind](sources, random, { model: pickModel() });
      items.push({
        ...item,
        request: applyRoutingHints(item.request, random, options.hintRates ?? defaultRoutingHintRates),
      });
    }
  }
  return random.shuffled(items);
}

/**
 * The workload's requests (see {@link buildWorkloadItems} for the labeled form).
 *
 * @example
 * const requests = buildWorkload({ sharedDir: sharedDataDirectory(), size: 1_200, seed: 1 });
 * for (const request of requests) router.route(request);
 */
export function buildWorkload(options: WorkloadOptions): ChatRequest[] {
  return buildWorkloadItems(options).map((item) => item.request);
}

function modelPicker(models: Readonly<Record<string, number>>, random: SeededRandom): () => string {
  const entries = Object.entries(models);
  const total = entries.reduce((sum, [, share]) => sum + share, 0);
  if (
    entries.length === 0 ||
    !(total > 0) ||
    entries.some(([, share]) => share < 0 || !Number.isFinite(share))
  ) {
    throw new RangeError('models: shares must be non-negative numbers with a positive sum');
  }
  const only = entries.length === 1 ? entries[0]?.[0] : undefined;
  if (only !== undefined) return () => only;
  return () => {
    let roll = random.next() * total;
    for (const [name, share] of entries) {
      roll -= share;
      if (roll < 0) return name;
    }
    return entries[entries.length - 1]?.[0] as string;
  };
}

function kindCounts(size: number, mix: Readonly<Record<WorkloadKind, number>>): [WorkloadKind, number][] {
  const entries = Object.entries(mix) as [WorkloadKind, number][];
  const total = entries.reduce((sum, [, share]) => sum + share, 0);
  if (!(total > 0) || entries.some(([, share]) => share < 0 || !Number.isFinite(share))) {
    throw new RangeError('mix shares must be non-negative numbers with a positive sum');
  }
  const counts = entries.map(([kind, share]): [WorkloadKind, number] => [
    kind,
    Math.floor((size * share) / total),
  ]);
  const leftover = size - counts.reduce((sum, [, count]) => sum + count, 0);
  const largest = counts.reduce((best, entry) => (entry[1] > best[1] ? entry : best));
  largest[1] += leftover;
  return counts;
}
