import type { RoutingTable, Target } from '@switchyard/core';
import { z } from 'zod';

const routeTableHopSchema = z.strictObject({
  /** Target id. */
  target: z.string().min(1),
  /** Model name to send instead of the target's own. */
  model: z.string().min(1).optional(),
  /** Timeout for this hop, in ms. */
  timeoutMs: z.number().int().positive().optional(),
});

/**
 * A routing table as the policy accepts it: aliases (each a primary hop and ordered fallback
 * hops) and premium names. Checks that alias names are unique and that `*` appears only as a
 * trailing prefix wildcard (`claude-*`), and never alone (that would send every request to cloud).
 */
export const routingTableSchema = z
  .strictObject({
    aliases: z
      .array(
        z.strictObject({
          alias: z.string().min(1),
          primary: routeTableHopSchema,
          fallbacks: z.array(routeTableHopSchema).default([]),
        }),
      )
      .default([]),
    premium: z.array(z.string().min(1)).default([]),
  })
  .superRefine((table, context) => {
    const seen = new Set<string>();
    table.aliases.forEach((entry, index) => {
      if (seen.has(entry.alias)) {
        context.addIssue({
          code: 'custom',
          path: ['aliases', index, 'alias'],
          message: `duplicate alias '${entry.alias}'`,
        });
      }
      seen.add(entry.alias);
    });
    table.premium.forEach((pattern, index) => {
      const star = pattern.indexOf('*');
      if (pattern === '*') {
        context.addIssue({
          code: 'custom',
          path: ['premium', index],
          message: "a lone '*' would send every request to cloud; list names or prefixes such as 'claude-*'",
        });
      } else if (star !== -1 && star !== pattern.length - 1) {
        context.addIssue({
          code: 'custom',
          path: ['premium', index],
          message: "'*' is only allowed at the end, as a prefix wildcard ('anthropic/*')",
        });
      }
    });
  });

/** Options of the `routing-table` policy as written in config (the table itself comes from `routes`). */
export const routingTableConfigOptionsSchema = z.strictObject({
  /**
   * Route a request whose `model` equals a target's id or model name to that target first
   * (default true). Names in the routing table win over target names.
   */
  matchTargets: z.boolean().default(true),
});

const targetSchema = z.custom<Target>(
  (value) =>
    typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string',
  'expected a target with a string id',
);

/** Options of {@link routingTablePolicy} when composed in code. */
export const routingTableOptionsSchema = routingTableConfigOptionsSchema
  .extend({
    /** The table (default: no aliases, no premium names). */
    routingTable: routingTableSchema.default({ aliases: [], premium: [] }),
    /**
     * Every target the router has. When given, hops naming an unknown target are a config error,
     * and a request naming a target that an earlier policy removed is rejected instead of routed
     * elsewhere.
     */
    targets: z.array(targetSchema).optional(),
  })
  .superRefine((options, context) => {
    if (options.targets === undefined) return;
    const ids = new Set(options.targets.map((target) => target.id));
    options.routingTable.aliases.forEach((entry, index) => {
      const hops: [string | number, RouteHopRef][] = [
        ['primary', entry.primary],
        ...entry.fallbacks.map((hop, hopIndex): [number, RouteHopRef] => [hopIndex, hop]),
      ];
      for (const [key, hop] of hops) {
        if (ids.has(hop.target)) continue;
        const path = typeof key === 'number' ? ['fallbacks', key] : [key];
        context.addIssue({
          code: 'custom',
          path: ['routingTable', 'aliases', index, ...path, 'target'],
          message: `alias '${entry.alias}' names unknown target '${hop.target}'`,
        });
      }
    });
  });

type RouteHopRef = { readonly target: string };

/** Options accepted by {@link routingTablePolicy}; every field is optional. */
export type RoutingTableOptions = {
  /** See {@link routingTableConfigOptionsSchema} (default true). */
  readonly matchTargets?: boolean;
  /** The table (default: no aliases, no premium names); fallbacks may be omitted. */
  readonly routingTable?: RoutingTable | z.input<typeof routingTableSchema>;
  /** Every target the router has, to check hop targets and recognise removed targets. */
  readonly targets?: readonly Target[];
};
