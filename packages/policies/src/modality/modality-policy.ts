import type { Candidate, PolicyDecision, RoutingPolicyV1 } from '@switchyard/core';
import { filterCandidates } from '../candidates/filter-candidates.js';
import { parsePolicyOptions } from '../parse-policy-options.js';
import { type ModalityOptions, modalityOptionsSchema } from './modality-options.js';

const notApplicable: PolicyDecision = { type: 'not-applicable', reason: 'no image inputs' };

function dropBlind(candidate: Candidate): string | undefined {
  return candidate.target.capabilities.vision ? undefined : 'no image input support';
}

/**
 * `modality`: a request with image parts keeps only targets with `capabilities.vision`; none left
 * → rejected. Text-only requests are left alone.
 *
 * @example
 * const router = createRouter({ targets, policies: [modalityPolicy()] });
 */
export function modalityPolicy(options?: ModalityOptions): RoutingPolicyV1 {
  parsePolicyOptions('modality', modalityOptionsSchema, options);
  return {
    specificationVersion: 'v1',
    name: 'modality',
    decide({ profile, candidates }) {
      const images = profile.imageCount;
      if (images === 0) return notApplicable;
      const { kept, dropped } = filterCandidates(candidates, dropBlind);
      const need = images === 1 ? '1 image' : `${images} images`;
      if (kept.length === 0) {
        return { type: 'rejected', reason: `request has ${need} and no target accepts images`, dropped };
      }
      const reason =
        kept === candidates
          ? `${need}: all ${kept.length} targets accept images`
          : `${need}: kept ${kept.length} vision targets of ${candidates.length}`;
      return { type: 'ranked', candidates: kept, reason, dropped };
    },
  };
}
