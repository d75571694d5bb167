import type { PerTokenPrice } from '../cost/per-token-price.js';
import { InvalidConfigError } from '../errors/invalid-config-error.js';
import type { Target } from '../spec/target.js';

/**
 * The savings baseline as a per-token price: a price as given, or the per-token price of the
 * target with that id. Throws an {@link InvalidConfigError} for an unknown target, or one whose
 * price is missing or GPU-hourly (a baseline must say what the same tokens cost).
 *
 * @example
 * const baseline = resolveBaselinePrice(config.metering.baselineTarget, config.targets);
 */
export function resolveBaselinePrice(
  baseline: string | PerTokenPrice | undefined,
  targets: readonly Target[],
): PerTokenPrice | undefined {
  if (baseline === undefined || typeof baseline === 'object') return baseline;
  const target = targets.find((candidate) => candidate.id === baseline);
  const fail = (problem: string) => {
    const issue = `metering.baselineTarget: ${problem}`;
    throw new InvalidConfigError({ message: `invalid savings baseline: ${issue}`, issues: [issue] });
  };
  if (target === undefined) {
    const known = targets.map((candidate) => candidate.id).join(', ') || 'none';
    return fail(`unknown target '${baseline}'; defined targets: ${known}`);
  }
  if (target.price?.type !== 'per-token') {
    return fail(
      `target '${baseline}' has ${target.price === undefined ? 'no price' : 'a gpuHourly price'}; ` +
        'the baseline needs a perToken price (or set metering.baselinePrice)',
    );
  }
  return target.price;
}
