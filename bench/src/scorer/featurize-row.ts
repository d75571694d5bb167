import { type ChatRequest, profileRequest, type RequestProfile } from '@switchyard/core';
import { extractScorerFeatures, type ScorerFeatureSettings } from '@switchyard/policies';
import type { LabeledRow } from '../quality/labeled-row.js';
import { rowRequest } from '../quality/row-request.js';

/** A row's features, merged per bucket. */
export type RowFeatures = { readonly indices: Int32Array; readonly values: Float64Array };

/**
 * The scorer's features for a request, merged per bucket (the policy computes the same sum on the
 * fly; merging keeps training examples small).
 *
 * @example
 * const features = requestFeatures(request, profileRequest(request), settings);
 */
export function requestFeatures(
  request: ChatRequest,
  profile: RequestProfile,
  settings: ScorerFeatureSettings,
): RowFeatures {
  const sums = new Map<number, number>();
  extractScorerFeatures(request, profile, settings, (index, value) => {
    sums.set(index, (sums.get(index) ?? 0) + value);
  });
  const indices = new Int32Array(sums.size);
  const values = new Float64Array(sums.size);
  let position = 0;
  for (const [index, value] of sums) {
    indices[position] = index;
    values[position] = value;
    position++;
  }
  return { indices, values };
}

/**
 * The scorer's features for a labeled row, from the request the quality bench routes for it and
 * the default profiler (the same inputs the policy sees at run time).
 *
 * @example
 * const features = rowFeatures(row, { hashBits: 18, wordBigrams: true, charNgramLength: 4 });
 */
export function rowFeatures(row: LabeledRow, settings: ScorerFeatureSettings): RowFeatures {
  const request = rowRequest(row);
  return requestFeatures(request, profileRequest(request), settings);
}
