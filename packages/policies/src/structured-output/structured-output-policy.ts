import type { Candidate, DroppedCandidate, PolicyDecision, RoutingPolicyV1 } from '@switchyard/core';
import { filterCandidates } from '../candidates/filter-candidates.js';
import { parsePolicyOptions } from '../parse-policy-options.js';
import { type StructuredOutputOptions, structuredOutputOptionsSchema } from './structured-output-options.js';

const notApplicable: PolicyDecision = { type: 'not-applicable', reason: 'no structured output requested' };
const noSupport = 'no structured output support';
const jsonModeOnly = 'json-mode only; schema enforcement required';

function dropUnsupported(candidate: Candidate): string | undefined {
  return candidate.target.capabilities.structuredOutput === 'none' ? noSupport : undefined;
}

/**
 * `structured-output`: a `json_schema` request drops targets without structured output and puts
 * targets that enforce the schema natively (constrained decoding) before `json-mode` ones, keeping
 * the order within each group; with `requireNative` it drops `json-mode` targets too. A
 * `json_object` request drops targets without structured output. Other requests are left alone.
 *
 * @example
 * const policy = structuredOutputPolicy({ requireNative: true });
 */
export function structuredOutputPolicy(options?: StructuredOutputOptions): RoutingPolicyV1 {
  const { requireNative } = parsePolicyOptions('structured-output', structuredOutputOptionsSchema, options);
  const isKept = (candidate: Candidate): boolean => {
    const support = candidate.target.capabilities.structuredOutput;
    return support === 'native' || (support === 'json-mode' && !requireNative);
  };
  return {
    specificationVersion: 'v1',
    name: 'structured-output',
    decide({ profile, candidates, locked }) {
      const mode = profile.structuredOutput.mode;
      if (mode === 'none') return notApplicable;
      if (mode === 'json_object') {
        const { kept, dropped } = filterCandidates(candidates, dropUnsupported);
        if (kept.length === 0) {
          return {
            type: 'rejected',
            reason: 'json_object request and no target supports JSON output',
            dropped,
          };
        }
        const reason =
          kept === candidates
            ? `json_object: all ${kept.length} targets support JSON output`
            : `json_object: kept ${kept.length} of ${candidates.length} targets with JSON output`;
        return { type: 'ranked', candidates: kept, reason, dropped };
      }

      // json_schema: one pass collects native and json-mode targets, each in input order.
      const native: Candidate[] = [];
      const jsonMode: Candidate[] = [];
      const dropped: DroppedCandidate[] = [];
      let nativeAfterJsonMode = false;
      for (const candidate of candidates) {
        const support = candidate.target.capabilities.structuredOutput;
        if (support === 'native') {
          native.push(candidate);
          if (jsonMode.length > 0) nativeAfterJsonMode = true;
        } else if (support === 'json-mode' && !requireNative) {
          jsonMode.push(candidate);
        } else {
          dropped.push({
            target: candidate.target.id,
            reason: support === 'none' ? noSupport : jsonModeOnly,
          });
        }
      }
      if (native.length + jsonMode.length === 0) {
        const reason = requireNative
          ? 'json_schema request and no target enforces schemas natively'
          : 'json_schema request and no target supports structured output';
        return { type: 'rejected', reason, dropped };
      }
      const reorder = nativeAfterJsonMode && !locked;
      const kept = reorder
        ? native.concat(jsonMode)
        : dropped.length === 0
          ? candidates
          : candidates.filter(isKept);
      let reason = `json_schema: ${native.length} native, ${jsonMode.length} json-mode`;
      if (reorder) reason += ' (native first)';
      if (dropped.length > 0) reason += `; dropped ${dropped.length} of ${candidates.length}`;
      return { type: 'ranked', candidates: kept, reason, dropped };
    },
  };
}
