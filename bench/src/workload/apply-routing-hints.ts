import type { ChatMessage, ChatRequest, RoutingHints } from '@switchyard/core';
import type { SeededRandom } from './seeded-random.js';

/** How often each hint is added, as a share of requests. */
export type RoutingHintRates = {
  /** `switchyard.privacy: 'local-only'`. */
  readonly localOnly: number;
  /** `switchyard.tier`. */
  readonly tier: number;
  /** `switchyard.maxCostUsd`. */
  readonly maxCost: number;
  /** `switchyard.latencyBudgetMs`. */
  readonly latencyBudget: number;
  /** A tier tag (`[cloud]`, `[tier2]`, `[tier3]`, `[heavy]`) at the start of the last user message. */
  readonly promptTag: number;
};

/** The workload's default rates: a minority of requests carry hints, as in real traffic. */
export const defaultRoutingHintRates: RoutingHintRates = {
  localOnly: 0.06,
  tier: 0.04,
  maxCost: 0.04,
  latencyBudget: 0.02,
  promptTag: 0.05,
};

const promptTags = ['[cloud]', '[tier2]', '[cloud]', '[tier2]', '[tier3]', '[heavy]'] as const;

/**
 * Adds routing hints to a share of requests: `switchyard` hints (privacy local-only, tier,
 * maxCostUsd, latency budget) and tier tags in the prompt. Returns a new request; the input is
 * not changed.
 *
 * @example
 * const hinted = applyRoutingHints(request, random); // most come back without hints
 */
export function applyRoutingHints(
  request: ChatRequest,
  random: SeededRandom,
  rates: RoutingHintRates = defaultRoutingHintRates,
): ChatRequest {
  const hints: { -readonly [Key in keyof RoutingHints]: RoutingHints[Key] } = { ...request.switchyard };
  if (random.chance(rates.localOnly)) hints.privacy = 'local-only';
  if (random.chance(rates.tier)) hints.tier = random.pick([1, 2, 3, 'small', 'large', 'cloud'] as const);
  if (random.chance(rates.maxCost)) hints.maxCostUsd = random.pick([0.0005, 0.002, 0.01, 0.05]);
  if (random.chance(rates.latencyBudget)) hints.latencyBudgetMs = random.pick([2_000, 10_000, 60_000]);
  let hinted: ChatRequest = Object.keys(hints).length > 0 ? { ...request, switchyard: hints } : request;
  if (random.chance(rates.promptTag)) hinted = withPromptTag(hinted, random.pick(promptTags));
  return hinted;
}

/**
 * Puts a tag such as `[cloud]` at the start of the last user message's text.
 *
 * @example
 * withPromptTag(request, '[tier2]').messages.at(-1); // { role: 'user', content: '[tier2] Summarize…' }
 */
export function withPromptTag(request: ChatRequest, tag: string): ChatRequest {
  const index = request.messages.findLastIndex((message) => message.role === 'user');
  const message = request.messages[index];
  if (message?.role !== 'user') return request;
  const messages = [...request.messages];
  messages[index] = { ...message, content: tagContent(message.content, tag) } as ChatMessage;
  return { ...request, messages };
}

function tagContent(
  content: Extract<ChatMessage, { role: 'user' }>['content'],
  tag: string,
): Extract<ChatMessage, { role: 'user' }>['content'] {
  if (typeof content === 'string') return `${tag} ${content}`;
  const first = content.findIndex((part) => part.type === 'text');
  if (first === -1) return [{ type: 'text', text: tag }, ...content];
  return content.map((part, index) =>
    index === first && part.type === 'text' ? { ...part, text: `${tag} ${part.text}` } : part,
  );
}
