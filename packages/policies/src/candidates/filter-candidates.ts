import type { Candidate, DroppedCandidate } from '@switchyard/core';

/** What {@link filterCandidates} kept and dropped. */
export type FilteredCandidates = {
  /** The kept candidates in input order; the input array itself when nothing was dropped. */
  readonly kept: readonly Candidate[];
  /** One entry per dropped candidate, with its reason. */
  readonly dropped: readonly DroppedCandidate[];
};

const noneDropped: readonly DroppedCandidate[] = Object.freeze([]);

/**
 * Removes the candidates for which `dropReason` returns a reason, keeping input order. Allocates
 * nothing when nothing is dropped: `kept` is then the input array itself, so callers can test
 * `kept === candidates`.
 *
 * @example
 * const { kept, dropped } = filterCandidates(candidates, (candidate) =>
 *   candidate.target.capabilities.vision ? undefined : 'no image input support');
 */
export function filterCandidates(
  candidates: readonly Candidate[],
  dropReason: (candidate: Candidate) => string | undefined,
): FilteredCandidates {
  let kept: Candidate[] | undefined;
  let dropped: DroppedCandidate[] | undefined;
  for (let index = 0; index < candidates.length; index++) {
    const candidate = candidates[index] as Candidate;
    const reason = dropReason(candidate);
    if (reason === undefined) {
      kept?.push(candidate);
      continue;
    }
    kept ??= candidates.slice(0, index);
    dropped ??= [];
    dropped.push({ target: candidate.target.id, reason });
  }
  return { kept: kept ?? candidates, dropped: dropped ?? noneDropped };
}
