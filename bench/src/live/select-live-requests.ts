import { type ChatRequest, NoRouteError, type Router, type Target } from '@switchyard/core';
import type { WorkloadItem, WorkloadKind } from '../workload/workload-item.js';

/**
 * Where the bench sends requests: the config's router (`routed`: the policies choose a target
 * per request), or one router per compared target (its name is the target id).
 */
export type LiveLane = {
  readonly name: string;
  readonly router: Router;
};

/** A workload request the bench will send, with its position in the run. */
export type LiveItem = {
  /** Position among the selected requests (0-based). */
  readonly index: number;
  readonly kind: WorkloadKind;
  /** The data item it was built from. */
  readonly source: string;
  readonly request: ChatRequest;
};

/** Workload requests left out, and why. Nothing is truncated to fit: a request fits or is skipped. */
export type LiveSkips = {
  readonly total: number;
  /** `too-long` (fits no window), or `no-route (<policy>)` (the router has no target for it). */
  readonly byReason: Readonly<Record<string, number>>;
  readonly byKind: Readonly<Record<string, number>>;
  /** The first skip of each reason, in full (lane and numbers or the router's rejections). */
  readonly examples: readonly string[];
};

/** The outcome of {@link selectLiveRequests}. */
export type LiveSelection = {
  readonly items: readonly LiveItem[];
  /** Workload requests looked at (selected + skipped). */
  readonly considered: number;
  readonly skipped: LiveSkips;
};

/** Prompt estimates are estimates: a request must fit with this much room on its prompt. */
const promptSafetyFactor = 1.1;

/**
 * Picks the requests to send, in workload order, until `wanted` are found: each request's output
 * is capped at `maxOutputTokens` (`max_tokens`), then it must fit a context window of every lane
 * (estimated prompt × 1.1 + output cap ≤ the largest window among the lane's targets) and every
 * lane's router must find a route for it. A request that fails either is skipped and counted by
 * reason and kind — never truncated. Routing here makes no call.
 *
 * @example
 * const selection = selectLiveRequests(items, [{ name: 'routed', router }], { wanted: 50, maxOutputTokens: 256 });
 * selection.skipped.byReason; // { 'no-route (tool-depth)': 12 }
 */
export function selectLiveRequests(
  workload: readonly WorkloadItem[],
  lanes: readonly LiveLane[],
  options: { readonly wanted: number; readonly maxOutputTokens: number },
): LiveSelection {
  const items: LiveItem[] = [];
  const byReason: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  const examples = new Map<string, string>();
  let considered = 0;
  let total = 0;
  for (const item of workload) {
    if (items.length >= options.wanted) break;
    considered += 1;
    const request = capOutput(item.request, options.maxOutputTokens);
    const skip = skipReason(request, lanes);
    if (skip === undefined) {
      items.push({ index: items.length, kind: item.kind, source: item.source, request });
      continue;
    }
    total += 1;
    byReason[skip.reason] = (byReason[skip.reason] ?? 0) + 1;
    byKind[item.kind] = (byKind[item.kind] ?? 0) + 1;
    if (!examples.has(skip.reason)) examples.set(skip.reason, `${item.kind} ${item.source}: ${skip.detail}`);
  }
  return { items, considered, skipped: { total, byReason, byKind, examples: [...examples.values()] } };
}

/**
 * The request with its output capped: `max_tokens` = the smaller of its own cap
 * (`max_tokens` or `max_completion_tokens`) and `cap`.
 *
 * @example
 * capOutput({ model: 'auto', messages, max_completion_tokens: 4096 }, 256).max_tokens; // 256
 */
export function capOutput(request: ChatRequest, cap: number): ChatRequest {
  const { max_completion_tokens: completionCap, ...rest } = request;
  const own = request.max_tokens ?? completionCap ?? cap;
  return { ...rest, max_tokens: Math.min(own, cap) };
}

function skipReason(
  request: ChatRequest,
  lanes: readonly LiveLane[],
): { reason: string; detail: string } | undefined {
  for (const lane of lanes) {
    const profile = lane.router.profile(request);
    const need = Math.ceil(profile.promptTokens * promptSafetyFactor) + (request.max_tokens ?? 0);
    const largest = Math.max(...lane.router.targets.map(windowOf));
    if (need > largest) {
      return {
        reason: 'too-long',
        detail: `${lane.name}: ~${profile.promptTokens} prompt tokens (+10 %) + ${request.max_tokens} output > largest window ${largest}`,
      };
    }
  }
  for (const lane of lanes) {
    try {
      lane.router.route(request);
    } catch (error) {
      if (!NoRouteError.isInstance(error)) throw error;
      const policy = error.rejections.at(-1)?.policy ?? 'no targets';
      return { reason: `no-route (${policy})`, detail: `${lane.name}: ${error.message}` };
    }
  }
  return undefined;
}

function windowOf(target: Target): number {
  return target.capabilities.contextWindow;
}
