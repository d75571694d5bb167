/** What `bench tune` optimises for. */
export type TuneGoal =
  /** Recover at least this share of the strong model's lead (PGR ≥ minPgr) at the least cost. */
  | { readonly kind: 'quality'; readonly minPgr: number }
  /** Send at most this share of requests to the strong (cloud) model, at the best quality. */
  | { readonly kind: 'strong-share'; readonly maxShare: number };

/**
 * Parses a goal: `quality>=0.95` (also `pgr>=0.95`: recover ≥ 95 % of the strong model's lead,
 * at least cost) or `strong-share<=0.30` (also `cloud-share<=0.3`; percentages such as `30%`
 * work too).
 *
 * @example
 * parseTuneGoal('quality>=0.95'); // { kind: 'quality', minPgr: 0.95 }
 */
export function parseTuneGoal(text: string): TuneGoal {
  const match = /^\s*(quality|pgr|strong-share|cloud-share)\s*(>=|<=)\s*([0-9.]+)\s*(%?)\s*$/.exec(text);
  const fail = (problem: string): never => {
    throw new Error(
      `--goal ${JSON.stringify(text)}: ${problem}; use "quality>=0.95" or "strong-share<=0.30"`,
    );
  };
  if (match === null) return fail('not a goal');
  const [, metric, operator, number, percent] = match as unknown as [string, string, string, string, string];
  let value = Number(number);
  if (!Number.isFinite(value)) return fail('not a number');
  if (percent === '%') value /= 100;
  if (!(value > 0 && value <= 1)) return fail('the value must be in (0, 1] (or a percentage)');
  if (metric === 'quality' || metric === 'pgr') {
    if (operator !== '>=') return fail(`${metric} takes >=`);
    return { kind: 'quality', minPgr: value };
  }
  if (operator !== '<=') return fail(`${metric} takes <=`);
  return { kind: 'strong-share', maxShare: value };
}

/**
 * The goal in words, for reports.
 *
 * @example
 * describeTuneGoal({ kind: 'quality', minPgr: 0.95 }); // 'PGR ≥ 0.95 at the least cost'
 */
export function describeTuneGoal(goal: TuneGoal): string {
  return goal.kind === 'quality'
    ? `PGR ≥ ${goal.minPgr} (recover ≥ ${Math.round(goal.minPgr * 100)} % of the strong model's lead) at the least cost`
    : `strong (cloud) share ≤ ${goal.maxShare} at the best quality`;
}
