import type {
  Candidate,
  DroppedCandidate,
  PolicyDecision,
  RouteTableHop,
  RoutingPolicyV1,
} from '@switchyard/core';
import { parsePolicyOptions } from '../parse-policy-options.js';
import { type CompiledAlias, compileRoutingTable, matchesPremiumPattern } from './compile-routing-table.js';
import { type RoutingTableOptions, routingTableOptionsSchema } from './routing-table-options.js';

/**
 * `routing-table`: routes by the requested model name.
 *
 * - An alias (`local/qwen2.5-14b`) → `decided`: the alias's primary hop then its fallback hops, each
 *   with its model override and timeout. Hops whose target is no longer a candidate are skipped;
 *   all skipped → rejected.
 * - A premium name (`gpt-4o`, `claude-*`) → local targets are dropped. Cloud targets whose id or
 *   model equals the name — failing that, whose model matches the same premium entry — go first
 *   and the route is `decided` (the caller named a model; other cloud targets stay as fallbacks).
 *   With no such target the cloud targets are `ranked` in their current order for later policies.
 * - A target's id or model name (with `matchTargets`) → `decided`: that target first, then the
 *   rest in current order. A target an earlier policy removed → rejected.
 * - `auto` or anything else → not applicable.
 *
 * Put it first: a `decided` answer fixes the order, and later policies only filter.
 *
 * @example
 * const policy = routingTablePolicy({
 *   routingTable: {
 *     aliases: [{ alias: 'local/qwen2.5-14b', primary: { target: 'llamacpp-qwen', timeoutMs: 60_000 },
 *       fallbacks: [{ target: 'openrouter', model: 'qwen/qwen-2.5-14b-instruct' }] }],
 *     premium: ['gpt-4o', 'anthropic/*'],
 *   },
 *   targets,
 * });
 */
export function routingTablePolicy(options?: RoutingTableOptions): RoutingPolicyV1 {
  const resolved = parsePolicyOptions('routing-table', routingTableOptionsSchema, options);
  const table = compileRoutingTable(resolved.routingTable);
  const matchTargets = resolved.matchTargets;
  const knownNames = new Set<string>();
  for (const target of resolved.targets ?? []) {
    knownNames.add(target.id);
    knownNames.add(target.model);
  }

  return {
    specificationVersion: 'v1',
    name: 'routing-table',
    decide({ request, candidates }) {
      const name = request.model;
      const alias = table.aliasOf(name);
      if (alias !== undefined) return routeAlias(alias, candidates);
      const premiumPattern = table.premiumPatternOf(name);
      if (premiumPattern !== undefined) return routePremium(name, premiumPattern, candidates);
      if (matchTargets) {
        const answer = routeNamedTarget(name, candidates);
        if (answer !== undefined) return answer;
        if (knownNames.has(name)) {
          return { type: 'rejected', reason: `model '${name}' names a target an earlier policy removed` };
        }
      }
      return {
        type: 'not-applicable',
        reason: name === 'auto' ? "model 'auto'" : `model '${name}' is not in the routing table`,
      };
    },
  };
}

function routeAlias(alias: CompiledAlias, candidates: readonly Candidate[]): PolicyDecision {
  const chain: Candidate[] = [];
  const skipped: string[] = [];
  const hopsText: string[] = [];
  for (const hop of alias.hops) {
    const found = findByTargetId(candidates, hop.target);
    if (found === undefined) {
      skipped.push(hop.target);
      continue;
    }
    const candidate = candidateForHop(found, hop);
    chain.push(candidate);
    hopsText.push(
      candidate.model === found.target.model ? hop.target : `${hop.target} as ${candidate.model}`,
    );
  }
  const skippedText = skipped.length > 0 ? `; skipped unavailable ${skipped.join(', ')}` : '';
  if (chain.length === 0) {
    return {
      type: 'rejected',
      reason: `alias '${alias.alias}': no hop's target is available (${skipped.join(', ')})`,
    };
  }
  const dropped: DroppedCandidate[] = [];
  for (const candidate of candidates) {
    if (!chain.some((kept) => kept.target === candidate.target)) {
      dropped.push({ target: candidate.target.id, reason: `not in the route of alias '${alias.alias}'` });
    }
  }
  return {
    type: 'decided',
    candidates: chain,
    reason: `alias '${alias.alias}' → ${hopsText.join(', then ')}${skippedText}`,
    dropped,
  };
}

function candidateForHop(found: Candidate, hop: RouteTableHop): Candidate {
  const model = hop.model ?? found.target.model;
  const timeoutMs = hop.timeoutMs ?? found.timeoutMs;
  if (model === found.model && timeoutMs === found.timeoutMs) return found;
  return timeoutMs === undefined
    ? { target: found.target, model }
    : { target: found.target, model, timeoutMs };
}

function findByTargetId(candidates: readonly Candidate[], id: string): Candidate | undefined {
  for (const candidate of candidates) if (candidate.target.id === id) return candidate;
  return undefined;
}

function routePremium(name: string, pattern: string, candidates: readonly Candidate[]): PolicyDecision {
  const named: Candidate[] = [];
  const family: Candidate[] = [];
  const otherCloud: Candidate[] = [];
  const dropped: DroppedCandidate[] = [];
  for (const candidate of candidates) {
    const { target } = candidate;
    if (target.locality !== 'cloud') {
      dropped.push({ target: target.id, reason: `local target; premium model '${name}' goes to cloud` });
    } else if (target.id === name || target.model === name) {
      named.push(candidate);
    } else if (matchesPremiumPattern(pattern, target.model)) {
      family.push(candidate);
    } else {
      otherCloud.push(candidate);
    }
  }
  const cloudCount = named.length + family.length + otherCloud.length;
  if (cloudCount === 0) {
    return {
      type: 'rejected',
      reason: `premium model '${name}' goes to cloud and no cloud target is left`,
      dropped,
    };
  }
  const preferred = named.length > 0 ? named : family;
  if (preferred.length === 0) {
    const kept = dropped.length === 0 ? candidates : otherCloud;
    return {
      type: 'ranked',
      candidates: kept,
      reason: `premium model '${name}' goes to cloud: kept ${kept.length} cloud targets of ${candidates.length}`,
      dropped,
    };
  }
  // Serving the named model beats serving another of its family, which beats any cloud target.
  const rest = named.length > 0 ? family.concat(otherCloud) : otherCloud;
  const preferredIds = preferred.map((candidate) => candidate.target.id).join(', ');
  const match = named.length > 0 ? '' : ` (serving ${pattern})`;
  const then = rest.length === 0 ? '' : ` first, then ${rest.length} other cloud targets`;
  return {
    type: 'decided',
    candidates: rest.length === 0 ? preferred : preferred.concat(rest),
    reason: `premium model '${name}' goes to cloud: ${preferredIds}${match}${then}`,
    dropped,
  };
}

function routeNamedTarget(name: string, candidates: readonly Candidate[]): PolicyDecision | undefined {
  if (!candidates.some((candidate) => namesTarget(candidate, name))) return undefined;
  const named: Candidate[] = [];
  const rest: Candidate[] = [];
  for (const candidate of candidates) (namesTarget(candidate, name) ? named : rest).push(candidate);
  const ids = named.map((candidate) => candidate.target.id).join(', ');
  return {
    type: 'decided',
    candidates: isPrefixOrder(candidates, named) ? candidates : named.concat(rest),
    reason:
      rest.length === 0
        ? `model '${name}' names ${ids}`
        : `model '${name}' names ${ids}: first, then ${rest.length} others`,
  };
}

function namesTarget(candidate: Candidate, name: string): boolean {
  return candidate.target.id === name || candidate.target.model === name;
}

/** True when `named` already occupies the first positions of `candidates`. */
function isPrefixOrder(candidates: readonly Candidate[], named: readonly Candidate[]): boolean {
  for (let index = 0; index < named.length; index++) if (candidates[index] !== named[index]) return false;
  return true;
}
