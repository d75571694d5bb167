import type { Candidate, PolicyDecision, RoutingPolicyV1 } from '@switchyard/core';
import { filterCandidates } from '../candidates/filter-candidates.js';
import { parsePolicyOptions } from '../parse-policy-options.js';
import { type PrivacyOptions, privacyOptionsSchema } from './privacy-options.js';

const notApplicable: PolicyDecision = { type: 'not-applicable', reason: 'request allows cloud targets' };

function dropCloud(candidate: Candidate): string | undefined {
  return candidate.target.locality === 'local' ? undefined : 'cloud target; request is local-only';
}

/**
 * `privacy`: a request marked `switchyard.privacy: 'local-only'` may only reach `local` targets,
 * at every hop (the engine never adds back what a policy removed, so fallbacks stay local too).
 * With no local target left it rejects the request. Requests with privacy `any` are left alone.
 *
 * @example
 * const router = createRouter({ targets, policies: [privacyPolicy()] });
 * router.route({ model: 'auto', messages, switchyard: { privacy: 'local-only' } }); // local targets only
 */
export function privacyPolicy(options?: PrivacyOptions): RoutingPolicyV1 {
  parsePolicyOptions('privacy', privacyOptionsSchema, options);
  return {
    specificationVersion: 'v1',
    name: 'privacy',
    decide({ profile, candidates }) {
      if (profile.privacy !== 'local-only') return notApplicable;
      const { kept, dropped } = filterCandidates(candidates, dropCloud);
      if (kept.length === 0) {
        return { type: 'rejected', reason: 'local-only request and no local target', dropped };
      }
      const reason =
        kept === candidates
          ? `all ${kept.length} targets are local`
          : `kept ${kept.length} local targets of ${candidates.length}`;
      return { type: 'ranked', candidates: kept, reason, dropped };
    },
  };
}
