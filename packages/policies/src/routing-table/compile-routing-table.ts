import type { RouteTableHop, RoutingTable } from '@switchyard/core';

/** An alias with its hops in route order (primary first). */
export type CompiledAlias = {
  readonly alias: string;
  readonly hops: readonly RouteTableHop[];
};

/** A routing table prepared for fast look-ups by model name. */
export type CompiledRoutingTable = {
  /** The alias entry for a model name, if it is an alias. */
  aliasOf(name: string): CompiledAlias | undefined;
  /** Whether a model name matches a premium name (exactly, or by a trailing-`*` prefix). */
  isPremium(name: string): boolean;
  /**
   * The premium entry a model name matches — the name itself for an exact entry, the pattern
   * (`claude-*`) for a prefix — or undefined when it is not premium.
   */
  premiumPatternOf(name: string): string | undefined;
};

/**
 * Whether a model name matches one premium entry: exactly, or by prefix when the entry ends in `*`.
 *
 * @example
 * matchesPremiumPattern('claude-*', 'claude-sonnet-5'); // true
 */
export function matchesPremiumPattern(pattern: string, name: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

/**
 * Prepares a routing table for look-ups: aliases in a map, premium names split into an exact set
 * and a list of prefixes. Assumes a valid table (see `routingTableSchema`).
 *
 * @example
 * const table = compileRoutingTable({ aliases: [], premium: ['gpt-4o', 'claude-*'] });
 * table.isPremium('claude-3-5-haiku'); // true
 */
export function compileRoutingTable(routingTable: RoutingTable): CompiledRoutingTable {
  const aliases = new Map<string, CompiledAlias>();
  for (const entry of routingTable.aliases) {
    aliases.set(entry.alias, { alias: entry.alias, hops: [entry.primary, ...entry.fallbacks] });
  }
  const exact = new Set<string>();
  const prefixes: (readonly [prefix: string, pattern: string])[] = [];
  for (const pattern of routingTable.premium) {
    if (pattern.endsWith('*')) prefixes.push([pattern.slice(0, -1), pattern]);
    else exact.add(pattern);
  }
  function premiumPatternOf(name: string): string | undefined {
    if (exact.has(name)) return name;
    for (const [prefix, pattern] of prefixes) if (name.startsWith(prefix)) return pattern;
    return undefined;
  }
  return {
    aliasOf: (name) => aliases.get(name),
    isPremium: (name) => premiumPatternOf(name) !== undefined,
    premiumPatternOf,
  };
}
