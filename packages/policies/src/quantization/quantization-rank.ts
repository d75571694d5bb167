/**
 * Precision ladder of quantization names, highest precision first. Rank 0 is full precision;
 * higher ranks lose more. Names are matched case-insensitively.
 */
const exactRanks = new Map<string, number>([
  ['fp32', 0],
  ['f32', 0],
  ['bf16', 1],
  ['f16', 1],
  ['fp16', 1],
  ['fp8', 2],
  ['q8_0', 2],
  ['q8', 2],
  ['int8', 2],
  ['w8a8', 2],
  ['q6_k', 3],
  ['q5_k_m', 4],
  ['q5_k', 4],
  ['q5_k_s', 5],
  ['q5_0', 6],
  ['q5_1', 6],
  ['q4_k_m', 7],
  ['q4_k', 7],
  ['q4_k_s', 8],
  ['iq4_xs', 8],
  ['iq4_nl', 8],
  ['q4_0', 9],
  ['q4_1', 9],
  ['awq', 10],
  ['gptq', 10],
  ['int4', 10],
  ['w4a16', 10],
  ['nf4', 10],
  ['fp4', 10],
  ['mxfp4', 10],
  ['nvfp4', 10],
]);

/** Prefix rules for families with many variants (`Q3_K_L`, `IQ3_XXS`, `Q2_K_S`, `gptq-int4`…). */
const prefixRanks: readonly (readonly [string, number])[] = [
  ['awq', 10],
  ['gptq', 10],
  ['q3', 11],
  ['iq3', 11],
  ['q2', 12],
  ['iq2', 12],
  ['iq1', 12],
];

/**
 * Position of a quantization on the precision ladder — 0 fp32/f32, 1 bf16/f16/fp16, 2 fp8/Q8_0/int8,
 * 3 Q6_K, 4 Q5_K_M, 5 Q5_K_S, 6 Q5_0, 7 Q4_K_M, 8 Q4_K_S, 9 Q4_0, 10 AWQ/GPTQ/int4, 11 Q3_*,
 * 12 Q2_* — or undefined for null and names it does not know (`exl2`, …).
 *
 * @example
 * quantizationRank('Q8_0'); // 2
 * quantizationRank('Q4_K_M') > quantizationRank('Q5_K_S'); // true: Q4_K_M is less precise
 * quantizationRank(null); // undefined
 */
export function quantizationRank(quantization: string | null): number | undefined {
  if (quantization === null) return undefined;
  const name = quantization.trim().toLowerCase();
  const rank = exactRanks.get(name);
  if (rank !== undefined) return rank;
  for (const [prefix, prefixRank] of prefixRanks) if (name.startsWith(prefix)) return prefixRank;
  return undefined;
}
