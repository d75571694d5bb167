import type { SwitchyardConfig, Target, TargetPrice } from '@switchyard/core';

/** One side of the pair as the bench prices it. */
export type PricedSide = {
  /** What the price is: a target id, or where the default came from. */
  readonly label: string;
  /** `undefined` when the chosen target has no price (costs are then not reported). */
  readonly price: TargetPrice | undefined;
};

/** How the bench prices weak (local) and strong (cloud) calls. */
export type BenchPricing = { readonly weak: PricedSide; readonly strong: PricedSide };

/** Used when the config names no strong price at all: gpt-4o list price (USD per 1M tokens). */
export const defaultStrongPrice: TargetPrice = {
  type: 'per-token',
  inputPerMillionUsd: 2.5,
  outputPerMillionUsd: 10,
};

/** Which targets price the two sides (ids in the config). */
export type PricingChoice = { readonly weakTarget?: string; readonly strongTarget?: string };

function targetById(config: SwitchyardConfig, id: string, flag: string): Target {
  const target = config.targets.find((candidate) => candidate.id === id);
  if (target === undefined) {
    const known = config.targets.map((candidate) => candidate.id).join(', ') || 'none';
    throw new Error(`${flag} ${id}: no such target in the config (targets: ${known})`);
  }
  return target;
}

/**
 * Picks the prices of the two sides. Weak (local) calls: `--weak-target`, else the config's first
 * local tier-1 target, else its first local target — with its own price, GPU-hourly included.
 * Strong (cloud) calls: `--strong-target`, else the config's metering baseline (target or price),
 * else a target serving `gpt-4o`, else gpt-4o's list price ($2.50 / $10 per 1M tokens).
 *
 * @example
 * const pricing = resolveBenchPricing(config, { strongTarget: 'anthropic-claude-sonnet-5' });
 */
export function resolveBenchPricing(config: SwitchyardConfig, choice: PricingChoice = {}): BenchPricing {
  let weak: PricedSide;
  if (choice.weakTarget !== undefined) {
    const target = targetById(config, choice.weakTarget, '--weak-target');
    weak = { label: target.id, price: target.price };
  } else {
    const local =
      config.targets.find((target) => target.locality === 'local' && target.tier === 1) ??
      config.targets.find((target) => target.locality === 'local');
    weak =
      local === undefined
        ? { label: 'no local target', price: undefined }
        : { label: local.id, price: local.price };
  }
  let strong: PricedSide;
  if (choice.strongTarget !== undefined) {
    const target = targetById(config, choice.strongTarget, '--strong-target');
    strong = { label: target.id, price: target.price };
  } else if (config.metering.baselineTarget !== undefined) {
    const target = targetById(config, config.metering.baselineTarget, 'metering.baselineTarget');
    strong = { label: target.id, price: target.price };
  } else if (config.metering.baselinePrice !== undefined) {
    strong = { label: 'metering.baselinePrice', price: config.metering.baselinePrice };
  } else {
    const gpt4o = config.targets.find((target) => target.model === 'gpt-4o' && target.price !== undefined);
    strong =
      gpt4o === undefined
        ? { label: 'gpt-4o list price (default)', price: defaultStrongPrice }
        : { label: gpt4o.id, price: gpt4o.price };
  }
  return { weak, strong };
}
