import { nearestRankPercentile, type Target } from '@switchyard/core';
import { type AgreementMethod, compareAnswers } from './answer-agreement.js';
import { rate } from './live-percentiles.js';
import type { LiveRequestRecord } from './live-request-record.js';

/** Exact-match figures of one comparison method. */
export type ExactAgreement = {
  readonly compared: number;
  readonly matches: number;
  readonly rate: number | null;
};

/** Token-set Jaccard figures of prose answers. */
export type ProseAgreement = {
  readonly compared: number;
  readonly meanJaccard: number | null;
  readonly medianJaccard: number | null;
};

/** How far two targets agreed on the same requests. */
export type LiveAgreementSummary = {
  readonly targets: readonly [string, string];
  /** `local vs cloud`, `local vs local`… */
  readonly localities: string;
  /** Requests both targets answered. */
  readonly compared: number;
  /** Requests at least one of them did not answer (error or deadline). */
  readonly notCompared: number;
  /**
   * Exact match after normalisation, over tool calls, JSON answers and short texts together, and
   * per method (see `AgreementMethod`).
   */
  readonly exact: ExactAgreement & {
    readonly byMethod: Readonly<Partial<Record<Exclude<AgreementMethod, 'prose'>, ExactAgreement>>>;
  };
  /** Longer text answers: token-set Jaccard similarity of their normalised words. */
  readonly prose: ProseAgreement;
  /** The same, per kind of request. */
  readonly byKind: Readonly<
    Record<string, { readonly exact: ExactAgreement; readonly prose: ProseAgreement }>
  >;
};

/**
 * Agreement between every pair of lanes (compared targets) on the requests both answered: for
 * each pair, exact match after normalisation for tool calls, JSON and short answers, and
 * token-set Jaccard for prose (see `compareAnswers`). Pairs are in lane order (a–b, a–c, b–c).
 *
 * @example
 * const [pair] = summarizeLiveAgreement(records, [local, cloud]);
 * pair.exact.rate; // 0.82
 */
export function summarizeLiveAgreement(
  records: readonly LiveRequestRecord[],
  targets: readonly Target[],
): LiveAgreementSummary[] {
  const byLane = new Map<string, Map<number, LiveRequestRecord>>();
  for (const record of records) {
    const lane = byLane.get(record.lane) ?? new Map<number, LiveRequestRecord>();
    lane.set(record.index, record);
    byLane.set(record.lane, lane);
  }
  const summaries: LiveAgreementSummary[] = [];
  targets.forEach((first, position) => {
    for (const second of targets.slice(position + 1)) {
      summaries.push(summarizePair(first, second, byLane));
    }
  });
  return summaries;
}

type Tallies = { exact: Map<string, { compared: number; matches: number }>; jaccard: number[] };

function summarizePair(
  first: Target,
  second: Target,
  byLane: ReadonlyMap<string, ReadonlyMap<number, LiveRequestRecord>>,
): LiveAgreementSummary {
  const left = byLane.get(first.id) ?? new Map<number, LiveRequestRecord>();
  const right = byLane.get(second.id) ?? new Map<number, LiveRequestRecord>();
  const indexes = new Set([...left.keys(), ...right.keys()]);
  const overall: Tallies = newTallies();
  const kinds = new Map<string, Tallies>();
  let compared = 0;
  for (const index of [...indexes].sort((a, b) => a - b)) {
    const a = left.get(index);
    const b = right.get(index);
    if (a?.answer === undefined || b?.answer === undefined || a.outcome !== 'ok' || b.outcome !== 'ok')
      continue;
    compared += 1;
    const agreement = compareAnswers(a.answer, b.answer, { json: a.kind === 'structured-output' });
    const kindTallies = kinds.get(a.kind) ?? newTallies();
    kinds.set(a.kind, kindTallies);
    for (const tallies of [overall, kindTallies]) {
      if (agreement.method === 'prose') {
        tallies.jaccard.push(agreement.score);
        continue;
      }
      const entry = tallies.exact.get(agreement.method) ?? { compared: 0, matches: 0 };
      entry.compared += 1;
      entry.matches += agreement.score;
      tallies.exact.set(agreement.method, entry);
    }
  }
  return {
    targets: [first.id, second.id],
    localities: `${first.locality} vs ${second.locality}`,
    compared,
    notCompared: indexes.size - compared,
    exact: {
      ...exactOf(overall),
      byMethod: Object.fromEntries(
        [...overall.exact].map(([method, entry]) => [
          method,
          { ...entry, rate: rate(entry.matches, entry.compared) },
        ]),
      ),
    },
    prose: proseOf(overall),
    byKind: Object.fromEntries(
      [...kinds].map(([kind, tallies]) => [kind, { exact: exactOf(tallies), prose: proseOf(tallies) }]),
    ),
  };
}

function newTallies(): Tallies {
  return { exact: new Map(), jaccard: [] };
}

function exactOf(tallies: Tallies): ExactAgreement {
  let compared = 0;
  let matches = 0;
  for (const entry of tallies.exact.values()) {
    compared += entry.compared;
    matches += entry.matches;
  }
  return { compared, matches, rate: rate(matches, compared) };
}

function proseOf(tallies: Tallies): ProseAgreement {
  const values = tallies.jaccard;
  if (values.length === 0) return { compared: 0, meanJaccard: null, medianJaccard: null };
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    compared: values.length,
    meanJaccard: round(mean),
    medianJaccard: round(nearestRankPercentile(values, 50) as number),
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
