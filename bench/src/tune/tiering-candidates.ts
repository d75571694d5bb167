/** Options of the `tiering` policy that the tuner tries. */
export type TieringCandidate = {
  readonly cloudTokenThreshold: number;
  readonly largeTokenThreshold: number;
  readonly defaultTier: 1 | 3;
  /** `undefined` = the policy's default small categories. */
  readonly smallCategories?: readonly string[];
};

/** Prompt sizes (tokens) tried as the cloud threshold. */
const cloudThresholds = [64, 128, 256, 512, 1024, 2048, 4096, 16_000];

/**
 * The grid of tiering settings the tuner cross-validates: the cloud threshold (the large one set
 * equal, since a two-target setup has no tier 2), the default tier, and the default small
 * categories or none.
 *
 * @example
 * tieringCandidates().length; // 32
 */
export function tieringCandidates(): TieringCandidate[] {
  const candidates: TieringCandidate[] = [];
  for (const cloudTokenThreshold of cloudThresholds) {
    for (const defaultTier of [1, 3] as const) {
      for (const smallCategories of [undefined, [] as string[]]) {
        candidates.push({
          cloudTokenThreshold,
          largeTokenThreshold: cloudTokenThreshold,
          defaultTier,
          ...(smallCategories === undefined ? {} : { smallCategories }),
        });
      }
    }
  }
  return candidates;
}

/**
 * The candidate as the YAML of a `policies:` entry.
 *
 * @example
 * tieringPolicyYaml({ cloudTokenThreshold: 512, largeTokenThreshold: 512, defaultTier: 1 });
 */
export function tieringPolicyYaml(candidate: TieringCandidate): string {
  const small =
    candidate.smallCategories === undefined
      ? ''
      : `, smallCategories: [${candidate.smallCategories.join(', ')}]`;
  return `  - name: tiering\n    options: { cloudTokenThreshold: ${candidate.cloudTokenThreshold}, largeTokenThreshold: ${candidate.largeTokenThreshold}, defaultTier: ${candidate.defaultTier}${small} }\n`;
}

/**
 * A `policies:` block: the default order with the given tiering entry, and optionally more
 * entries after it (the learned scorer).
 *
 * @example
 * policiesYaml(tieringPolicyYaml(candidate));
 */
export function policiesYaml(tieringEntry: string, after = ''): string {
  return (
    'policies:\n' +
    [
      'routing-table',
      'privacy',
      'modality',
      'context-fit',
      'tool-depth',
      'structured-output',
      'health',
      'quantization',
      'cost',
    ]
      .map((name) => `  - ${name}\n`)
      .join('') +
    tieringEntry +
    after
  );
}
