import type { RequestProfile, TaskCategory, Tier } from '@switchyard/core';
import type { ResolvedTieringOptions } from './tiering-options.js';

/** The tier a request wants, and which rule chose it. */
export type DesiredTier = {
  readonly tier: Tier;
  /** Human reason, e.g. `tier 3 from prompt tag`. */
  readonly why: string;
};

/**
 * The tier a request wants; the first rule that applies wins: the `switchyard.tier` hint, a tier
 * tag in the prompt, prompt size (≥ `cloudTokenThreshold` → 3, ≥ `largeTokenThreshold` → 2), a
 * complex task → 3, a small task category or a task the classifier calls simple (a commit
 * message, a regex) → 1, else `defaultTier`.
 *
 * @example
 * desiredTierOf(profile, options); // { tier: 3, why: 'tier 3 from prompt size 18000 ≥ 16000' }
 */
export function desiredTierOf(
  profile: RequestProfile,
  options: ResolvedTieringOptions,
  smallCategories: ReadonlySet<TaskCategory> = new Set(options.smallCategories),
): DesiredTier {
  if (profile.requestedTier !== undefined) {
    return { tier: profile.requestedTier, why: `tier ${profile.requestedTier} from switchyard.tier hint` };
  }
  if (profile.tierTag !== undefined) {
    return { tier: profile.tierTag, why: `tier ${profile.tierTag} from prompt tag` };
  }
  const prompt = profile.promptTokens;
  if (prompt >= options.cloudTokenThreshold) {
    return { tier: 3, why: `tier 3 from prompt size ${prompt} ≥ ${options.cloudTokenThreshold}` };
  }
  if (prompt >= options.largeTokenThreshold) {
    return { tier: 2, why: `tier 2 from prompt size ${prompt} ≥ ${options.largeTokenThreshold}` };
  }
  if (profile.complexity === 'complex') return { tier: 3, why: 'tier 3 for a complex task' };
  if (smallCategories.has(profile.taskCategory)) {
    return { tier: 1, why: `tier 1 for a '${profile.taskCategory}' task` };
  }
  if (
    profile.complexity === 'simple' &&
    profile.taskCategory !== 'chat' &&
    profile.taskCategory !== 'unknown'
  ) {
    return { tier: 1, why: `tier 1 for a simple '${profile.taskCategory}' task` };
  }
  return { tier: options.defaultTier, why: `tier ${options.defaultTier} by default` };
}
