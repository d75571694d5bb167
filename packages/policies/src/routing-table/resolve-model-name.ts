import type { RoutingTable, Target } from '@switchyard/core';
import { type CompiledRoutingTable, compileRoutingTable } from './compile-routing-table.js';

/** What a request's `model` name means to the router. */
export type ModelNameKind = 'alias' | 'premium' | 'target' | 'auto' | 'unknown';

const compiled = new WeakMap<RoutingTable, CompiledRoutingTable>();

/**
 * Classifies a requested model name the way the `routing-table` policy reads it, in this order:
 * a routing-table `alias`, a `premium` name (exact or trailing-`*` prefix), a `target` (a target's
 * id or model name; skipped when `matchTargets` is false), `auto`, else `unknown`. The gateway uses
 * it to answer 404 for names nothing can serve. Compiled tables are cached per table object.
 *
 * @example
 * resolveModelName(routingTable, targets, 'local/qwen2.5-14b'); // 'alias'
 * resolveModelName(routingTable, targets, 'gpt-5-turbo-ultra'); // 'unknown' → 404 model_not_found
 */
export function resolveModelName(
  routingTable: RoutingTable,
  targets: readonly Target[],
  name: string,
  options?: { readonly matchTargets?: boolean },
): ModelNameKind {
  let table = compiled.get(routingTable);
  if (table === undefined) {
    table = compileRoutingTable(routingTable);
    compiled.set(routingTable, table);
  }
  if (table.aliasOf(name) !== undefined) return 'alias';
  if (table.isPremium(name)) return 'premium';
  if (options?.matchTargets !== false) {
    for (const target of targets) if (target.id === name || target.model === name) return 'target';
  }
  return name === 'auto' ? 'auto' : 'unknown';
}
