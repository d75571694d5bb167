import type { SwitchyardConfig } from '@switchyard/core';

/** Which targets a config depends on, and by which rule they were picked. */
export type PrimaryTargets = {
  /** Target ids, in config order. */
  readonly ids: readonly string[];
  /**
   * `route-primaries`: the primary of each route alias; `local-targets`: no aliases, so every
   * local target; `all-targets`: no aliases and no local target, so every target.
   */
  readonly rule: 'route-primaries' | 'local-targets' | 'all-targets';
};

/**
 * The config's **primary** targets — the ones `switchyard doctor` fails on when they are down:
 *
 * - with route aliases, the `primary` of each alias (their fallbacks are there to cover them);
 * - without aliases, every local target (`auto` routes to the local tier first);
 * - without aliases or local targets, every target.
 *
 * @example
 * primaryTargetsOf(config); // { ids: ['llama-8b', 'qwen-14b'], rule: 'route-primaries' }
 */
export function primaryTargetsOf(config: Pick<SwitchyardConfig, 'targets' | 'routingTable'>): PrimaryTargets {
  const { aliases } = config.routingTable;
  if (aliases.length > 0) {
    const named = new Set(aliases.map((alias) => alias.primary.target));
    return {
      ids: config.targets.filter((target) => named.has(target.id)).map((target) => target.id),
      rule: 'route-primaries',
    };
  }
  const local = config.targets.filter((target) => target.locality === 'local');
  if (local.length > 0) return { ids: local.map((target) => target.id), rule: 'local-targets' };
  return { ids: config.targets.map((target) => target.id), rule: 'all-targets' };
}
