import type { TargetPrice } from '@switchyard/core';
import type { RouterResult } from './router-result.js';

/** The results of every router on one group of rows. */
export type GroupReport = {
  /** `all sources`, a source name, or `source · category`. */
  readonly label: string;
  readonly source?: string;
  readonly category?: string;
  readonly rows: number;
  /** The score type(s) of the rows; `normalised 0–1` for the all-sources group. */
  readonly scoreType: string;
  readonly weakModels: readonly string[];
  readonly strongModels: readonly string[];
  /** Mean score of all-weak and all-strong routing. */
  readonly weakQuality: number;
  readonly strongQuality: number;
  readonly routers: readonly RouterResult[];
};

/** Everything one quality-bench run measured. */
export type QualityReport = {
  readonly data: {
    readonly path: string;
    /** Rows in the file. */
    readonly rows: number;
    /** Rows scored by every router. */
    readonly used: number;
    /** Rows whose weak/strong pair lacks a score, in total and per source. */
    readonly skipped: number;
    readonly skippedBySource: Readonly<Record<string, number>>;
    /** Rows the pipeline found no route for (left out of every router). */
    readonly noRoute: number;
    readonly noRouteExample?: string;
    /** Rows whose prompt tokens were counted here, and answers whose length was estimated. */
    readonly promptTokensCounted: number;
    readonly outputTokensEstimated: number;
  };
  readonly config: { readonly path: string | null; readonly policies: readonly string[] };
  readonly pair: { readonly weakModel: string | null; readonly strongModel: string | null };
  readonly pricing: {
    readonly weak: { readonly label: string; readonly price: TargetPrice | null };
    readonly strong: { readonly label: string; readonly price: TargetPrice | null };
    readonly costsKnown: boolean;
  };
  readonly overall: GroupReport;
  readonly sources: readonly GroupReport[];
  readonly categories: readonly GroupReport[];
};
