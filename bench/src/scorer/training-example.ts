/** One training example for the difficulty scorer: sparse features, a (possibly soft) label, a weight. */
export type TrainingExample = {
  /** Feature buckets (may repeat; values add). */
  readonly indices: Int32Array;
  readonly values: Float64Array;
  /** Target probability that the strong model is needed: 0 or 1, or in between for soft labels. */
  readonly label: number;
  /** Weight of the example in the loss (default 1). */
  readonly weight: number;
};
