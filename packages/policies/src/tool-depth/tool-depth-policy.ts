import type { PolicyDecision, RoutingPolicyV1, Target } from '@switchyard/core';
import { filterCandidates } from '../candidates/filter-candidates.js';
import { parsePolicyOptions } from '../parse-policy-options.js';
import { type ToolDepthOptions, toolDepthOptionsSchema } from './tool-depth-options.js';

const notApplicable: PolicyDecision = { type: 'not-applicable', reason: 'no tools and no tool-call rounds' };

/**
 * `tool-depth`: keeps tool-heavy work on targets that handle it. A request offering tools needs
 * `capabilities.tools`; a target is rated by its own `maxTools` / `maxToolChainDepth`, or — when
 * unset — by the options' defaults if it is local (small local models lose track past ~8 tools or
 * ~5 chained calls) and as unlimited if it is cloud. Targets rated below the request's tool count
 * or chain depth are dropped. Requests with no tools and no tool-call rounds are left alone.
 *
 * @example
 * const policy = toolDepthPolicy({ maxTools: 12, maxToolChainLength: 3 });
 */
export function toolDepthPolicy(options?: ToolDepthOptions): RoutingPolicyV1 {
  const { maxTools, maxToolChainLength } = parsePolicyOptions('tool-depth', toolDepthOptionsSchema, options);

  function toolLimitOf(target: Target): number {
    return (
      target.capabilities.maxTools ?? (target.locality === 'local' ? maxTools : Number.POSITIVE_INFINITY)
    );
  }
  function depthLimitOf(target: Target): number {
    return (
      target.capabilities.maxToolChainDepth ??
      (target.locality === 'local' ? maxToolChainLength : Number.POSITIVE_INFINITY)
    );
  }

  return {
    specificationVersion: 'v1',
    name: 'tool-depth',
    decide({ profile, candidates }) {
      const { toolCount, toolChainDepth } = profile;
      if (toolCount === 0 && toolChainDepth === 0) return notApplicable;
      const { kept, dropped } = filterCandidates(candidates, ({ target }) => {
        if (toolCount > 0) {
          if (!target.capabilities.tools) return 'no tool support';
          const toolLimit = toolLimitOf(target);
          if (toolCount > toolLimit) return `${toolCount} tools > limit ${toolLimit}`;
        }
        const depthLimit = depthLimitOf(target);
        if (toolChainDepth > depthLimit) return `chain depth ${toolChainDepth} > limit ${depthLimit}`;
        return undefined;
      });
      const need = `${toolCount} tools, chain depth ${toolChainDepth}`;
      if (kept.length === 0) return { type: 'rejected', reason: `no target handles ${need}`, dropped };
      const reason =
        kept === candidates
          ? `${need}: all ${kept.length} targets qualify`
          : `${need}: kept ${kept.length} of ${candidates.length} targets`;
      return { type: 'ranked', candidates: kept, reason, dropped };
    },
  };
}
