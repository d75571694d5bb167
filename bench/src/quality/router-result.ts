import type { CurvePoint } from './quality-curve.js';

/** Names of the routers every report compares. */
export type BaselineName = 'all-weak' | 'all-strong' | 'random' | 'oracle';

/** One router's result on one group of rows (all sources, one source, or one category). */
export type RouterResult = {
  /** `pipeline`, a baseline name, or `scorer:<file name>`. */
  readonly name: string;
  /** One line on what the router does and where its operating point sits. */
  readonly description: string;
  /** Share of rows sent to the strong model at the operating point (0–1). */
  readonly strongShare: number;
  /** Mean score at the operating point (native units per source; 0–1 across sources). */
  readonly quality: number;
  /** Performance gap recovered at the operating point. */
  readonly pgr: number | null;
  /** Cost of the group at the operating point, in USD; `null` when a side has no price. */
  readonly costUsd: number | null;
  /** Saving against sending everything to the strong model, in percent. */
  readonly savingsPct: number | null;
  /** Area under PGR over strong share (0–1); `null` for all-weak and all-strong. */
  readonly apgr: number | null;
  /** Smallest strong share reaching PGR 0.5 / 0.8 / 0.95. */
  readonly cpt50: number | null;
  readonly cpt80: number | null;
  readonly cpt95: number | null;
  /** The scorer cut-off of the operating point, for swept routers. */
  readonly threshold?: number;
  /** The quality/strong-share curve (swept routers: one point per distinct score). */
  readonly curve: readonly CurvePoint[];
};
